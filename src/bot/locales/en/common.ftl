# Shared by every feature: the welcome screen, the main menu, errors.

welcome =
    Hi, { $name }! 👋
    This is Market: buy the platform token in its sale rounds, invite friends and earn tokens on their purchases.
    Choose what to do:
welcome-invited = 🤝 You joined by a friend's invitation: they will earn a reward on your purchases.

menu-market = 🎮 Market
menu-buy = 🪙 Buy tokens
menu-balance = 💰 Balance
menu-referrals = 🤝 Invite friends
menu-profile = 👤 Profile
menu-wallet = 👛 Wallet
menu-help = ❓ Help
menu-admin = 🛠 Admin
menu-back = ⬅️ Menu
button-back = ⬅️ Back
button-cancel = ✖️ Cancel
button-next = Next ▶️
button-prev = ◀️ Prev

start-lot-unavailable = This lot is not available any more.
start-lot-bad-link = This lot link is broken: check that it was copied whole.
stale-button = This button is out of date. Open the menu again: /menu
unknown-input = I didn't understand that. Use the buttons below.
error-generic = Something went wrong on our side. Please try again in a minute.
rate-limited = Too many requests. Please wait a few seconds.
not-allowed = Not allowed.

command-start = Start and main menu
command-market = Game goods market
command-orders = My market orders
command-sell = Sell game goods
command-buy = Buy tokens
command-balance = My balance
command-invite = Invite friends
command-profile = My profile
command-help = Help
command-terms = Terms of sale

notice-payment-on-hold = ⚠️ Payment #{ $payment } for order #{ $order } is on hold: { $reason }. Nothing was credited; refund it or settle it by hand.
