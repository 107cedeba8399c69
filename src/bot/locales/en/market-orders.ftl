# Market orders in escrow: buying a lot, paying, the order screen, the order chat, reviews, disputes.

mko-price-display = { $price } (≈ { $display })
mko-quantity = 🛒 { $lot }
    How many? { $available } available.
mko-summary = 🧾 Order #{ $order }: { $lot } × { $quantity }
mko-summary-price = Price: { $price }
    Fee: { $fee }
    Total: { $total }
mko-summary-pay = Choose how to pay before { $until }: the quantity is reserved for you until then. The money is held until you confirm you received the goods.
mko-no-methods = No payment method is available right now. The order stays reserved for a while; try again later.
mko-pay-link = 💳 Order #{ $order }: pay { $amount } on the page that opens.
mko-invoice-title = Market order #{ $order }

mko-button-cancel = ✖️ Cancel the order
mko-button-view = 📄 Open the order
mko-button-deliver = 📦 Deliver
mko-button-confirm = ✅ I received it
mko-button-dispute = ⚠️ Open a dispute
mko-button-message = 💬 Message
mko-button-reply = 💬 Reply
mko-button-refund = ↩️ Refund the buyer
mko-button-release = 💸 Release to the seller
mko-button-my-orders = 🧾 My orders
mko-button-no-text = Without text

mko-status-awaiting-payment = waiting for payment
mko-status-paid = paid, waiting for delivery
mko-status-delivered = delivered, waiting for confirmation
mko-status-confirmed = completed
mko-status-disputed = in dispute
mko-status-refunded = refunded
mko-status-cancelled = cancelled
mko-status-expired = expired (not paid)

mko-party-buyer = Buyer
mko-party-seller = Seller
mko-party-support = Support

mko-order-title = 🧾 Order #{ $order }: { $lot } × { $quantity }
mko-order-status = Status: { $status }
mko-order-total = Total: { $total }
mko-order-proceeds = Your proceeds after the fee: { $amount }
mko-order-confirm-by = Completes by itself on { $until } unless the buyer opens a dispute.
mko-order-goods = 📦 Goods:
mko-order-review = Review: { $stars } { $text }
mko-order-chat = 💬 Conversation:

mko-confirmed = ✅ Thank you! The order is complete and the seller is paid. You can rate the seller below.
mko-cancelled = The order is cancelled.
mko-cancelled-refunded = The order is cancelled and the buyer's money is being returned.
mko-resolved-release = The dispute is closed: the money goes to the seller.
mko-resolved-refund = The dispute is closed: the buyer's money was returned.
mko-resolved-refund-pending = The order is refunded, but the payment provider did not return the money yet. Press Refund again to retry.
mko-delivered = 📦 Delivered. The buyer has been told.
mko-disputed = ⚠️ The dispute is open. Support will look at the order's conversation and decide.
mko-message-sent = 💬 Sent.
mko-reviewed = ⭐ Thank you for your review!
mko-aborted = Nothing was sent.
mko-text-only = Please send text.

mko-ask-deliver = 📦 Order #{ $order }: send what the buyer receives (a code, login details, how it was handed over).
mko-ask-dispute = ⚠️ Order #{ $order }: what went wrong? Support will read it together with the order's conversation.
mko-ask-message = 💬 Order #{ $order }: your message. The other side sees only your role and the order number.
mko-ask-review = ⭐ Order #{ $order }: a few words about the seller (or press Without text).

mko-relay = 💬 Order #{ $order } — { $from }:
    { $text }

mko-my-orders = 🧾 Your market orders:
mko-my-orders-empty = You have no market orders yet.
mko-disputes = ⚠️ Open disputes, oldest first:
mko-disputes-empty = No open disputes.

mko-notice-paid-buyer = ✅ Order #{ $order } is paid. The money is held until you confirm you received the goods.
mko-notice-paid-seller = 💰 Order #{ $order } is paid. Deliver it from the order screen; you are paid when the buyer confirms.
mko-notice-delivered-buyer = 📦 The seller delivered order #{ $order }. Check it and confirm, or open a dispute if something is wrong.
mko-notice-confirmed-seller = 💸 The buyer confirmed order #{ $order }: your proceeds are credited.
mko-notice-auto-confirmed-buyer = ✅ Order #{ $order } completed by itself after the confirmation time.
mko-notice-auto-confirmed-seller = 💸 Order #{ $order } completed by itself: your proceeds are credited.
mko-notice-disputed-seller = ⚠️ The buyer opened a dispute on order #{ $order }. Support will decide; you can write in the order's conversation.
mko-notice-disputed-support = ⚠️ A dispute was opened on order #{ $order }.
mko-notice-refunded-buyer = ↩️ Order #{ $order }: your money is being returned.
mko-notice-refunded-seller = ↩️ Order #{ $order } was refunded to the buyer.
mko-notice-released-buyer = The dispute on order #{ $order } is closed: the money went to the seller.
mko-notice-released-seller = 💸 The dispute on order #{ $order } is closed in your favour: your proceeds are credited.
mko-notice-seller-cancelled-buyer = ↩️ The seller cancelled order #{ $order }: your money is being returned.
mko-notice-expired-buyer = ⌛ Order #{ $order } was not paid in time and is cancelled.

mko-error-not-enough = Only { $available } left: choose a smaller quantity.
mko-error-bad-quantity = That quantity cannot be ordered.
mko-error-lot-not-found = This lot is no longer on sale.
mko-error-lot-unavailable = This lot is not available right now.
mko-error-own-lot = You cannot buy your own lot.
mko-error-lot-changed = The seller has just changed this lot: open it again to see the new price.
mko-error-rate-unavailable = The exchange rate for the fee is not available right now: try again later.
mko-error-order-not-found = No such order.
mko-error-not-allowed = Only the other side of the order can do that.
mko-error-wrong-status = The order has moved on: this cannot be done any more.
mko-error-bad-text = The text must not be empty and at most 2000 characters (1000 for a review).
mko-error-bad-rating = Choose 1 to 5 stars.
mko-error-already-reviewed = You have already rated this order.
