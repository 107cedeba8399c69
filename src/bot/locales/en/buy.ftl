# The token sale: the round card, buying, my purchases, balance and order notices.

# The locale numbers and dates are formatted for (matches the language of this file).
buy-locale = en

buy-tokens = { $count ->
    [one] { $amount } token
   *[other] { $amount } tokens
}
buy-duration-days = { $n } d
buy-duration-hours = { $n } h
buy-duration-minutes = { $n } min

## The round card

buy-card-title = 🪙 { $token } ({ $symbol }): round “{ $round }”
buy-card-price = Price: { $price } per token
buy-card-progress = Sold: { $bar }
buy-card-left = Left in this round: { $tokens }
buy-card-limits = Per purchase: from { $min } to { $max }
buy-card-limits-min = Per purchase: at least { $min }
buy-card-referral = Referral reward: { $percent } of your friends' purchases
buy-card-ends = ⏳ Round ends in { $duration }
buy-card-starts = 🕒 Round opens on { $date }
buy-card-sale-left = Whole sale: { $tokens } left
buy-card-all-reserved = All tokens of this round are reserved right now. Unpaid reservations come back on sale: please look again later.
buy-card-buy = 🛒 Buy tokens
buy-card-purchases = 🧾 My purchases
buy-sale-complete = 🏁 The token sale is over: every round is complete. Thank you for your interest!
buy-sale-not-open = The token sale is not open right now. Please look again later.

## Buying

buy-amount-prompt = How many tokens would you like? Pick an amount below or type a whole number.
buy-amount-round = Round “{ $round }”: { $price } per token, { $left } left.
buy-amount-limits = From { $min } to { $max } per purchase.
buy-amount-limits-min = At least { $min } per purchase.
buy-amount-use-buttons = Type the number of tokens or use the buttons below.
buy-summary-title = 🧾 Your order
buy-summary-round = Round: “{ $round }”
buy-summary-amount = Amount: { $tokens }
buy-summary-unit-price = Unit price: { $price }
buy-summary-total = Total: { $total }
buy-summary-hold = When you confirm, the tokens are reserved for you for { $minutes } min while you pay.
buy-summary-price-changed = ⚠️ The round changed while you were deciding. Here is the new price.
buy-confirm = ✅ Confirm
buy-change-amount = ✏️ Change amount
buy-cancelled = Purchase cancelled. Nothing was reserved.
buy-reserved = ✅ Order #{ $order } is reserved for you until { $until }.
buy-reserved-details = { $tokens } for { $total }.
buy-reserved-waiting = ⏳ Waiting for your payment. Payment methods will appear here.
buy-reserved-choose = ⏳ Waiting for your payment. Choose how to pay:
buy-cancel-order = ✖️ Cancel order
buy-order-cancelled = Order #{ $order } is cancelled. Its tokens are back on sale.
buy-order-not-pending = Order #{ $order } cannot be cancelled: it is no longer waiting for payment.
buy-order-not-found = There is no such order of yours.

## Why an amount is refused

buy-error-not-a-number = That is not a number. Type the number of tokens with digits only, for example 1000.
buy-error-not-whole = Tokens are sold whole: type a whole number, without a fraction.
buy-error-too-small = The amount must be positive: at least 1 token.
buy-error-too-large = That is far more than the sale has. Type a smaller amount.
buy-error-below-min = Too few: the minimum purchase in this round is { $min }.
buy-error-above-max = Too many: the maximum purchase in this round is { $max }.
buy-error-exceeds-left = Only { $left } are left in this round. Type a smaller amount.
buy-error-sold-out = This round is sold out: no tokens are left to reserve right now.
buy-error-not-started = This round has not started yet: it opens on { $date }.
buy-error-not-active = No sale round is open right now.

## My purchases and balance

buy-purchases-title = 🧾 My purchases (page { $page } of { $pages })
buy-purchases-empty = 🧾 You have no purchases yet.
buy-purchase-line = #{ $order } · “{ $round }” · { $tokens } · { $total }
buy-purchase-status = { $status } · { $date }
buy-purchase-cancel = ✖️ Cancel #{ $order }
buy-status-pending = ⏳ awaiting payment
buy-status-paid = ✅ paid
buy-status-expired = ⌛ reservation expired
buy-status-cancelled = ✖️ cancelled
buy-status-refund-required = ↩️ refund pending
buy-status-refunded = ↩️ refunded
buy-balance = 💰 Your balance: { $tokens }
buy-balance-value = Worth { $value } at the current round's price.
buy-balance-pending = ⏳ Awaiting payment: { $tokens }
buy-balance-unavailable = The token sale is not set up yet.

## Messages about an order's status

buy-notice-expired = ⌛ Your reservation for order #{ $order } expired and its { $tokens } went back on sale. You can buy again at any time.
buy-notice-buy-again = 🪙 Buy again
buy-notice-paid = ✅ Payment for order #{ $order } is confirmed: { $tokens } credited. Your balance: { $balance }.
buy-notice-cancelled = ✖️ Order #{ $order } was cancelled and its { $tokens } went back on sale.
buy-notice-refund-required = ↩️ Your payment for order #{ $order } arrived after the reservation ended, and the round had no tokens left. We will refund { $total }.
buy-notice-refunded = ↩️ Order #{ $order }: { $total } has been refunded.
