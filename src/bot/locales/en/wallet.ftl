# Wallet: linking a MetaMask wallet with Sign-In with Ethereum, and unlinking it.

wallet-link-intro =
    👛 Link your MetaMask wallet

    Open the page below, connect MetaMask and sign a message: that proves the wallet is yours. Signing sends nothing on chain and costs nothing.

    The link is for you only, works once and expires in { $minutes } min.
wallet-needs-public-url =
    👛 Linking a MetaMask wallet is not available yet: the wallet page needs a public address.
    The bot's operator has to set PUBLIC_URL (the https address of this app) and restart it.
wallet-linked =
    👛 Your linked wallet

    <code>{ $address }</code>
    { $kind }, linked { $date }.
wallet-kind-eoa = MetaMask account
wallet-kind-contract = Contract wallet (EIP-1271)
wallet-button-link = 🦊 Link MetaMask
wallet-button-mini-app = 📱 Open in Telegram
wallet-button-unlink = 🔓 Unlink
wallet-button-unlink-confirm = 🔓 Yes, unlink
wallet-unlink-confirm =
    Unlink <code>{ $address }</code> from your account?
    You can link it, or another wallet, again at any time.
wallet-unlinked = Wallet { $address } unlinked.
wallet-unlink-gone = That wallet is no longer linked.
wallet-notice-linked =
    ✅ Your wallet is linked:
    <code>{ $address }</code>
wallet-notice-replaced =
    ✅ Your wallet is linked:
    <code>{ $address }</code>
    It replaces <code>{ $previous }</code>.
