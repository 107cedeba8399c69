# The admin area: statistics, rounds, roles.

admin-menu = 🛠 Admin area. Choose a section:
admin-button-stats = 📊 Statistics
admin-button-rounds = 🗂 Rounds
admin-button-roles = 👥 Roles
admin-button-help-page = ❓ Help page
admin-button-back = ⬅️ Admin menu

## Statistics

admin-stats =
    📊 Sales statistics, { $symbol }

    Sold: { $sold } { $symbol }
    { $soldRounds }

    Referral rewards: { $rewards } { $symbol }
    { $rewardRounds }

    Buyers: { $buyers } of { $users } users
    Referral conversion: { $conversion }
admin-stats-round = • { $name }: { $amount }
admin-stats-conversion = { $percent }% ({ $bought } of { $referred } invited users bought)
admin-stats-conversion-none = no invited users yet

## Rounds

admin-rounds-title = 🗂 Sale rounds of { $symbol }
admin-rounds-empty = No rounds yet: create the first one.
admin-round-line =
    { $position }. { $name } — { $status }
    { $price } { $currency } per token · sold { $sold } of { $cap } ({ $progress }%)
admin-status-draft = 📝 draft
admin-status-active = 🟢 on sale
admin-status-complete = ✅ completed
admin-button-round = { $position }. { $name }
admin-button-new-round = ➕ New round
admin-button-rounds-back = ⬅️ Rounds
admin-button-open-round = 🔎 Open the round

admin-round-card =
    { $position }. { $name } — { $status }
    Price: { $price } { $currency } per token
    Cap: { $cap }
    Sold: { $sold } ({ $progress }%), reserved: { $reserved }
    Referral reward: { $referral }%
    Per purchase: from { $min } to { $max }
    Starts: { $start }
    Ends: { $end }
admin-round-no-max = no maximum
admin-round-no-date = not set
admin-round-edit-hint = This is a draft: press a field to change it.

admin-field-name = Name
admin-field-currency = Currency
admin-field-price = Price
admin-field-cap = Cap
admin-field-ref = Referral %
admin-field-min = Minimum
admin-field-max = Maximum
admin-field-start = Start
admin-field-end = End

admin-button-activate = ▶️ Activate
admin-button-complete = ⏹ Complete
admin-activate-question = Put «{ $name }» on sale now?
admin-activate-replaces = The round on sale now, «{ $name }», will be completed.
admin-activate-none-active = No round is on sale now.
admin-button-confirm-activate = ✅ Yes, activate
admin-activated = ✅ «{ $name }» is on sale now.
admin-activated-replacing = ✅ «{ $name }» is on sale now; «{ $previous }» is completed.
admin-complete-question = Complete «{ $name }» now? What is left unsold ({ $left }) will not be sold in it, and the next draft round goes on sale.
admin-button-confirm-complete = ✅ Yes, complete
admin-completed-next = ✅ «{ $name }» is completed. On sale now: «{ $next }».
admin-completed-last = ✅ «{ $name }» is completed. No draft rounds are left: the sale is over.

## Creating and editing a round

admin-step = Step { $step } of { $steps }.
admin-ask-name = Send the round's name (up to 64 characters).
admin-ask-currency = Send the currency of the price: a three-letter code such as USD, EUR or RUB.
admin-ask-price = Send the price of one token in { $currency }: a positive number with up to 10 digits after the point, e.g. 0.0125.
admin-ask-cap = How many tokens does the round sell? Send a whole number.
admin-ask-ref = Send the referral reward for a direct invitation, in percent: from 0 to 100, up to 2 decimals.
admin-ask-min = Send the smallest purchase, in tokens (a whole number).
admin-ask-max = Send the largest purchase, in tokens (not below { $min }), or press "No maximum".
admin-ask-start = When does the round start? Send YYYY-MM-DD HH:MM in UTC, e.g. 2026-03-01 12:00, or press "No start time".
admin-ask-end = When does the round end? Send YYYY-MM-DD HH:MM in UTC, after the start, or press "No end time".
admin-skip-max = No maximum
admin-skip-start = No start time
admin-skip-end = No end time
admin-edit-current = Round «{ $name }», { $field }. Now: { $value }
admin-text-only = Please answer with a text message, or press Cancel.
admin-cancelled = Cancelled: nothing was changed.
admin-round-created = ✅ Round «{ $name }» is created as a draft, number { $position } in the sale.
admin-round-saved = ✅ Saved: { $field } of «{ $name }».

admin-error-round-name = The name must be from 1 to 64 characters.
admin-error-currency = This currency is not supported. Send a three-letter code such as USD, EUR or RUB.
admin-error-price = The price must be a positive number with at most 10 digits after the point, e.g. 0.0125.
admin-error-cap = The cap must be a whole number of tokens, at least 1.
admin-error-referral = The referral percent must be from 0 to 100 with at most 2 decimals, e.g. 7.5.
admin-error-min = The minimum must be a whole number of tokens, at least 1.
admin-error-max = The maximum must be a whole number of tokens, at least 1.
admin-error-date = That is not a date and time. Send YYYY-MM-DD HH:MM in UTC, e.g. 2026-03-01 12:00.
admin-error-min-above-cap = The minimum purchase cannot be above the round's cap.
admin-error-max-below-min = The maximum purchase cannot be below the minimum.
admin-error-end-before-start = The end must be after the start.
admin-error-token-not-found = The token of the sale is not found.
admin-error-round-not-found = This round does not exist.
admin-error-round-not-draft = Only a draft round can be changed or activated: this one is on sale or completed.
admin-error-round-not-active = This round is not on sale any more.
admin-error-round-ended = This round's end time has passed: change the end time first.

## Roles

admin-roles-ask = Whose roles? Send the user's Telegram id (digits) or @username.
admin-roles-bad-ref = That is neither a Telegram id nor a username. Send digits such as 123456789 or a name such as @alice.
admin-roles-unknown = There is no user { $user } here. A user appears once they open the bot.
admin-roles-who = { $name } (@{ $username }, id { $id })
admin-roles-who-no-username = { $name } (id { $id })
admin-roles-card =
    👤 { $who }
    Roles: { $roles }

    Press a role to grant or revoke it.
admin-role-buyer = Buyer
admin-role-seller = Seller
admin-role-support = Support
admin-role-admin = Admin
admin-role-on = ✅ { $role }
admin-role-off = ⬜ { $role }
admin-role-granted = Granted: { $role }.
admin-role-revoked = Revoked: { $role }.
admin-button-another-user = 👤 Another user
admin-error-self-admin = You cannot revoke your own admin role: ask another admin to do it.
admin-error-user-not-found = This user is not found.
admin-error-role = This role cannot be granted or revoked.

admin-button-refunds = 💸 Refunds
admin-button-disputes = ⚠️ Disputes
