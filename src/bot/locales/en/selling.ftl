# The seller's side of the market: application, lots, sales, proceeds, withdrawals.

menu-sell = 💼 Sell
sell-button-back = ⬅️ Selling
sell-intro =
    💼 Sell game goods on Market.
    Apply to become a seller: once approved you list lots, and buyers pay through the bot (the money is held until they confirm).
sell-button-apply = 📝 Apply to sell
sell-ask-about = Tell the admins about yourself: what you will sell, your experience (up to { $max } characters), or Skip.
sell-applied = ✅ Application sent. An admin will review it; you will get a message.
sell-approved-now = ✅ You are a seller now.
sell-waiting = ⏳ Your seller application is waiting for an admin.
sell-rejected =
    Your last application was rejected: { $reason }
    You can apply again.
sell-home = 💼 Selling. What next?
sell-button-new-lot = ➕ New lot
sell-button-lots = 📦 My lots
sell-button-sales = 🧾 My sales
sell-button-proceeds = 💰 Proceeds
sell-admin-new-application = 📝 New seller application from { $name }. Review it in /admin → Market → Applications.
sell-admin-new-application-about =
    📝 New seller application from { $name }. Review it in /admin → Market → Applications.
    About: { $about }
sell-admin-new-withdrawal = 💸 Withdrawal #{ $id } requested: { $amount } by { $seller }. Review it in /admin → Market → Withdrawals.
sell-notice-approved = ✅ Your seller application was approved. Open 💼 Sell in the menu to list lots.
sell-notice-rejected = ❌ Your seller application was rejected: { $reason }
sell-notice-withdrawal-paid = ✅ Withdrawal #{ $id } of { $amount } was paid. Reference: { $note }
sell-notice-withdrawal-rejected = ❌ Withdrawal #{ $id } of { $amount } was rejected: { $note }. The amount is back in your proceeds.

## Questions

sell-cancelled = Cancelled, nothing changed.
sell-text-only = Please answer with text (or use the buttons).
sell-photo-or-text = Please send a photo, or use the buttons.
sell-pick-a-button = Please choose one of the buttons.
sell-button-skip = Skip
sell-button-clear = Clear
sell-yes = Yes
sell-no = No
sell-step = Step { $step } of 14
sell-no-markets = There are no markets to sell in yet.
sell-ask-market = Which game?
sell-ask-category = What do you sell in { $market }?
sell-ask-league = Which league or server?
sell-ask-platform = Which platform?
sell-ask-level = Character level (a whole number), or Skip.
sell-ask-language = Which language?
sell-ask-short = A short description (one line, up to 100 characters):
sell-ask-description = A full description (up to 2000 characters), or Skip.
sell-ask-price = The price (for example 5 or 0.25):
sell-ask-unit = { $price } for how many units? Choose or type a whole number.
sell-ask-currency = The currency (choose or type a code such as GBP):
sell-ask-quantity = How many units do you have to sell? (price is per { $unit })
sell-ask-field = { $label }:
sell-ask-field-optional = { $label } (optional):
sell-ask-goods =
    Auto-delivery: send the goods, one line per unit ({ $quantity } lines); each buyer gets theirs on payment.
    Or deliver by hand.
sell-ask-goods-form =
    Auto-delivery: send what the buyer gets on payment (login, key ...).
    Or deliver by hand.
sell-button-no-auto = I deliver by hand
sell-ask-deactivate = Pause the lot after each sale?
sell-summary-title = 📋 Check your lot:
sell-button-publish = ✅ Publish
sell-lot-published = ✅ Lot #{ $id } is on sale.
sell-button-open-lot = 📦 Open the lot

## Lots

sell-lots-empty = You have no lots yet.
sell-lots-title = 📦 Your lots ({ $total }), page { $page } of { $pages }:
sell-lot-title = 📦 Lot #{ $id }: { $short }
sell-lot-where = { $market } → { $category }
sell-price = 💵 { $price } { $currency } per { $unit }
sell-lot-quantity = In stock: { $quantity }
sell-lot-form = One unit (form lot)
sell-lot-active = 🟢 On sale
sell-lot-paused = ⏸ Paused
sell-lot-league = League: { $league }
sell-lot-platform = Platform: { $platform }
sell-lot-level = Level: { $level }
sell-lot-language = Language: { $language }
sell-lot-auto = 🤖 Auto-delivery: { $left } left
sell-lot-deactivate = Pauses after a sale
sell-lot-open-orders = Open orders: { $count }
sell-field-short = ✏️ Title
sell-field-description = ✏️ Description
sell-field-price = ✏️ Price
sell-field-unit = ✏️ Price unit
sell-field-quantity = ✏️ Quantity
sell-field-level = ✏️ Level
sell-field-deactivate = ✏️ Pause after sale
sell-button-pause = ⏸ Pause
sell-button-resume = ▶️ Resume
sell-button-delete = 🗑 Delete
sell-button-lots-back = ⬅️ My lots
sell-lot-paused-now = Paused.
sell-lot-resumed = On sale again.
sell-delete-question = Delete the lot “{ $short }”? Buyers will not see it any more.
sell-button-delete-confirm = 🗑 Yes, delete
sell-lot-deleted = 🗑 Lot deleted.
sell-edit-ask = New value for { $field }:
sell-edit-saved = ✅ Saved: { $field }.

## Sales and proceeds

sell-sales-empty = No sales yet.
sell-sales-title = 🧾 Your sales ({ $total }), page { $page } of { $pages }. Open one:
sell-sale-line = #{ $id } { $short } · { $amount } · { $status }
sell-order-awaiting-payment = awaiting payment
sell-order-paid = paid, deliver
sell-order-delivered = delivered
sell-order-confirmed = completed
sell-order-disputed = disputed
sell-order-refunded = refunded
sell-order-cancelled = cancelled
sell-order-expired = expired
sell-proceeds-empty = 💰 No proceeds yet.
sell-proceeds-title = 💰 Your proceeds:
sell-proceeds-line = { $currency }: available { $available }, held { $held }, requested { $requested }
sell-button-withdraw = 💸 Withdraw { $currency }
sell-withdrawals-title = Withdrawals:
sell-withdrawal-line = #{ $id } { $amount } · { $status }
sell-withdrawal-requested = requested
sell-withdrawal-paid = paid
sell-withdrawal-rejected = rejected
sell-ask-withdraw-amount = How much to withdraw? Available: { $available }
sell-ask-withdraw-destination = Where to pay it (card, wallet, account — up to 300 characters)?
sell-withdraw-confirm = Withdraw { $amount } to { $destination }?
sell-button-withdraw-confirm = ✅ Request
sell-withdraw-requested = ✅ Withdrawal #{ $id } of { $amount } requested. An admin will pay it and you will get a message.

## Refusals (by the core's codes)

sell-error-title-invalid = The title must be 1 to 80 characters.
sell-error-text-too-long = That is too long: at most 2000 characters.
sell-error-name-invalid = The name must be one line of 1 to 60 characters.
sell-error-name-taken = That name is already taken here.
sell-error-form-fields-invalid = Send 1 to 20 field names, one per line, each up to 60 characters and different (end one with ? to make it optional).
sell-error-percent-invalid = The percent must be a number from 0 to 100 with at most two decimals, such as 5 or 2.5.
sell-error-minimum-invalid = Send the minimum as an amount and a currency, such as 0.50 USD, or 0.
sell-error-currency-invalid = Unknown currency: use a code such as USD, EUR, RUB.
sell-error-market-not-found = That market does not exist any more.
sell-error-market-in-use = The market has lots, so it cannot be deleted. Archive it instead.
sell-error-category-not-found = That category does not exist any more.
sell-error-category-in-use = The category has lots, so it cannot be deleted.
sell-error-league-not-found = That league does not exist any more.
sell-error-currency-not-offered = Lots here are priced only in the market's currencies: pick one of the buttons.
sell-error-league-platform-mismatch = That league is on another platform than the lot.
sell-error-league-in-use = Lots name this league, so it cannot be deleted.
sell-error-fee-rule-not-found = There is no fee rule to remove.
sell-error-about-too-long = That is too long: at most 500 characters.
sell-error-already-applied = Your application is already waiting for an admin.
sell-error-already-seller = You are already a seller.
sell-error-application-not-found = There is no such application.
sell-error-already-decided = That application was already decided.
sell-error-reason-invalid = Please write a reason (up to 500 characters).
sell-error-short-description-invalid = The short description must be one line of 1 to 100 characters.
sell-error-description-too-long = The description is too long: at most 2000 characters.
sell-error-price-invalid = The price must be a number above zero, such as 5 or 0.25 (at most 10 decimals).
sell-error-price-unit-invalid = The price unit must be a whole number from 1 to 1 000 000 000.
sell-error-quantity-invalid = The quantity must be a whole number from 1 to 1 000 000 000 000.
sell-error-quantity-not-editable = This lot's quantity follows its goods (or is one unit) and cannot be typed.
sell-error-level-invalid = The level must be a whole number from 0 to 100 000.
sell-error-field-value-invalid = The value must be 1 to 200 characters.
sell-error-fields-missing = A required field is missing.
sell-error-goods-invalid = Send the goods as text, one line per unit, each up to 200 characters.
sell-error-goods-count-mismatch = The number of lines must equal the quantity, one per unit.
sell-error-not-a-seller = Only approved sellers can do that.
sell-error-lot-not-found = That lot does not exist any more.
sell-error-lot-sold-out = Nothing is left to sell: raise the quantity first.
sell-error-lot-has-open-orders = The lot has open orders: finish them before deleting it.
sell-error-amount-invalid = The amount must be a number above zero, such as 10 or 12.50.
sell-error-destination-invalid = Please write where to pay it (up to 300 characters).
sell-error-insufficient-proceeds = That is more than your available proceeds.
sell-error-withdrawal-not-found = There is no such withdrawal.
sell-error-withdrawal-already-decided = That withdrawal was already decided.
sell-error-reference-invalid = Please write the payment reference (up to 200 characters).
sell-error-not-allowed = Not allowed.
