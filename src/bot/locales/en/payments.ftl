# Paying for an order: the methods, payment links, Telegram Stars invoices and checkouts,
# payment support and admin refunds.

command-paysupport = Payment support

## The methods

pay-provider-stripe = 💳 Card (Stripe)
pay-provider-yoomoney = 🟣 YooMoney
pay-provider-yookassa = 💳 Card or SBP (YooKassa)
pay-provider-sber = 🟢 SberPay or card (Sber)
pay-provider-qiwi = 🥝 QIWI
pay-provider-stars = ⭐ Telegram Stars

## A payment link

pay-amount-converted = { $amount } (at { $rate } { $quote } per { $base })
pay-link-title = 💳 Order #{ $order }: { $tokens } for { $total }
pay-link-amount = To pay with { $provider }: { $amount }
pay-link-hint = Pay on the page that opens before { $until }: your tokens stay reserved until then, and they are credited as soon as the payment is confirmed.
pay-link-button = 💳 Pay { $amount }
pay-other-method = 🔁 Another payment method
pay-retry = ⚠️ The payment for order #{ $order } did not go through, and nothing was charged. The order is still reserved for you: try again or choose another method.

## Telegram Stars

pay-invoice-title = Order #{ $order }
pay-invoice-description = { $tokens }, round “{ $round }”: { $total }, that is { $amount }. Pay before { $until }.
pay-on-hold = ⚠️ We received your payment, but it does not match the order's amount, so it is being checked by hand. Nothing was credited yet; we will contact you. Questions: /paysupport
pay-stars-returned = ↩️ This payment ({ $amount }) could not be applied to an open order (it came after the order was closed or paid), so we sent your Stars back.
pay-stars-not-applied = ⚠️ This payment ({ $amount }) could not be applied to an open order, and the automatic refund failed. Please write to /paysupport with the time of the payment: we will refund you.
pay-checkout-off = Payment with Telegram Stars is not available right now. Nothing was charged.
pay-checkout-unknown = This invoice is not valid. Nothing was charged: open your order and choose the payment method again.
pay-checkout-not-buyer = This invoice is for another customer's order. Nothing was charged.
pay-checkout-amount = The invoice amount does not match the order. Nothing was charged: open your order and pay again.
pay-checkout-not-open = This invoice is closed: the order is already paid or the payment was cancelled. Nothing was charged.
pay-checkout-expired = The reservation for this order has ended. Nothing was charged: please place a new order.

## Why a payment could not be started

pay-error-order-not-found = There is no such order of yours.
pay-error-order-not-payable = This order can no longer be paid: it is already paid, cancelled, or its reservation has ended.
pay-error-provider-off = This payment method is not available right now. Please choose another one.
pay-error-rate-unavailable = This payment method cannot take the order's currency right now (no exchange rate). Please choose another one.
pay-error-provider-failed = The payment service did not answer. Nothing was charged: please try again in a minute or choose another method.

## Support

pay-support =
    💬 Payment support

    If something went wrong with a payment (you paid but the tokens did not arrive, you were charged twice, or you want your money back), contact our support using the contacts in /help. Give your order number (see 🧾 My purchases) and the time of the payment. We answer within 24 hours.

    Refunds go back the way you paid: Telegram Stars to your Stars balance, card payments to the card.
    Telegram's own support cannot help with purchases made in this bot.

## Admin refunds

pay-refund-usage = Usage: /refund <payment id> or /refund order <order id>
pay-refund-not-found = There is no such payment.
pay-refund-not-refundable = Payment #{ $payment } cannot be refunded: its status is { $status }.
pay-refund-provider-cannot = This payment method cannot refund from here: refund it in the provider's dashboard.
pay-refund-tokens-paid-out = The buyer no longer holds these tokens: they were paid out to their wallet or a payout is on its way. Nothing was refunded.
pay-refund-provider-failed = The payment service refused the refund or did not answer. Nothing was changed; see the log.
pay-refund-question =
    ↩️ Refund payment #{ $payment } ({ $provider }, { $status }): { $amount }?
    Order #{ $order }: { $tokens }, { $orderStatus }.
    The money goes back to the buyer, and the order's tokens and referral rewards are taken back.
pay-refund-yes = ↩️ Refund
pay-refund-done = ✅ Payment #{ $payment } is refunded ({ $amount }); order #{ $order } is undone. The buyer has been told.
pay-refund-kept = Payment #{ $payment } was not refunded.

pay-refund-list = 💸 Paid orders that can be refunded (latest first). Choose one:
pay-refund-list-empty = 💸 No paid payment to refund right now.
pay-refund-pick = #{ $payment } · order #{ $order } · { $amount }
pay-refund-question-lot =
    ↩️ Refund payment #{ $payment } ({ $provider }, { $status }): { $amount }?
    Market order #{ $order } ({ $orderStatus }) was not paid by it: { $reason }.
    Nothing was held or credited for it; the money goes back to the buyer.
pay-refund-done-lot = ✅ Payment #{ $payment } is refunded ({ $amount }); market order #{ $order } is unchanged. The buyer has been told.
pay-refund-lot-buyer = ↩️ Your payment #{ $payment } for market order #{ $order } could not be used and was refunded: { $amount }.
