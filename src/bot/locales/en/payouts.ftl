# Payouts: admins pay token balances out to linked wallets; users hear when theirs is confirmed.

admin-button-payouts = 💰 Payouts
payouts-off =
    💰 Payouts are off.
    The operator turns them on with PAYOUT_TOKEN_ADDRESS (the platform token's ERC-20) and PAYOUT_PRIVATE_KEY (the hot wallet), with ETH_RPC_URL and ETH_CHAIN_ID.
payouts-screen =
    💰 Payouts of { $symbol }

    Ready to pay: { $readyCount } users, { $readyTotal } { $symbol }
    On their way: { $pending } waiting to be sent, { $signed } signed, { $sent } sent
    Stuck (not mined in time): { $stuck }
payouts-button-all = 💸 Pay everyone ready
payouts-button-one = 👤 Pay one user
payouts-button-run = 🚀 Send now
payouts-button-open = 📋 On their way
payouts-button-back = ⬅️ Payouts
payouts-choose-user = 👤 Whom to pay? Users with a confirmed wallet and nothing on its way, largest balances first:
payouts-choose-user-empty = Nobody is ready to be paid: no user with a balance has a confirmed wallet and nothing on its way.
payouts-user-button = { $name }: { $amount }
payouts-open-title = 📋 Payouts on their way
payouts-open-empty = Nothing is on its way.
payouts-open-line = #{ $id } { $name }: { $amount } { $symbol }, { $status }{ $stuck }
payouts-open-stuck = , ⚠️ stuck
payouts-status-pending = waiting to be sent
payouts-status-signed = signed
payouts-status-sent = sent
payouts-created = Created { $count } payouts, { $total } { $symbol } in all. Press “Send now” to send them.
payouts-created-none = No payout was created.
payouts-skipped = Skipped { $count }: { $reasons }.
payouts-skip-no-wallet = no wallet
payouts-skip-wallet-not-confirmed = wallet not confirmed
payouts-skip-wallet-other-chain = wallet on another network
payouts-skip-payout-open = a payout on its way
payouts-skip-nothing-available = nothing to pay
payouts-ran = Sent { $sent } (signed { $signed } new); confirmed { $confirmed }; failed { $failed }; stuck { $stuck }; waiting for blocks { $waiting }.
payouts-run-failed = ⚠️ The run stopped: the Ethereum node could not be reached or refused. Nothing is sent twice: press “Send now” again later.
payouts-error-token = The sale token was not found.
payouts-error-user = That user no longer exists.

## To the user

payout-notice-confirmed =
    ✅ Payout received: { $amount } { $symbol } were sent to your wallet { $address }.
    Transaction: { $link }
payout-notice-button = 🔎 View the transaction

## To the admins

payout-admin-failed = ⚠️ Payout #{ $id } ({ $amount } { $symbol } to { $address }) failed: { $reason }. Nothing was debited; the user can be paid again. Transaction: { $hash }
payout-admin-failed-reverted = the transfer reverted on chain (is the hot wallet short of tokens or gas?)
payout-admin-failed-nonce-taken = its nonce was used by another transaction from the hot wallet
payout-admin-stuck = ⏳ Payout #{ $id } ({ $amount } { $symbol } to { $address }) is not mined { $minutes } min after it was sent. Transaction: { $hash }
