# Paying in crypto: ETH or the payment token sent to a deposit address of the payment's own.

pay-provider-eth = Ξ Ether (ETH)
pay-provider-erc20 = 🪙 USD token (ERC-20)

pay-deposit-amount = To pay with { $provider }, send exactly: { $amount }
pay-deposit-address =
    To this address (network with chain id { $chain }), used for this payment only:
    { $address }
pay-deposit-link = Payment link for wallets (EIP-681): { $uri }
pay-deposit-hint = This amount holds until { $until }. The tokens are credited once the transfer has enough confirmations on the chain. Send from a wallet you control, not from an exchange.
pay-deposit-qr = Scan with your wallet to pay to { $address }.

crypto-partial =
    ⏳ Order #{ $order }: we received { $received } at { $address }, but the order needs more.
    Still missing: { $missing }. Send it to the same address; the tokens are credited once the full amount is confirmed.
crypto-surplus = ⚠️ Crypto payment #{ $payment } (order #{ $order }) received { $surplus } more than asked at { $address }. The order is credited; the surplus needs a decision (refund by hand).
