# The referral program: invite link, percents, referral tree, rewards history, "I have a code".

referrals-intro =
    🤝 Invite friends and earn tokens every time they buy.

    Your invite link:
    { $link }
referrals-percents-title = Your reward from each purchase (level 1: the friends you invite, level 2: their friends, and so on):
referrals-percent-line = • Level { $level }: { $percent }%
referrals-percent-paused = • Level { $level }: paused until the next sale round opens
referrals-stats-title = Your referrals:
referrals-stats-line = Level { $level }: { $people ->
        [one] { $people } person
       *[other] { $people } people
    }, { $buyers ->
        [one] { $buyers } buyer
       *[other] { $buyers } buyers
    }, bought { $purchased } { $symbol }, you earned { $rewards } { $symbol }
referrals-stats-empty = Level { $level }: no one yet
referrals-total = 💰 Earned in total: { $total } { $symbol }

referrals-button-share = 📤 Share the link
referrals-share-text = Join me on Market: buy the platform token in its sale rounds!
referrals-button-qr = 🔳 QR code
referrals-button-history = 📜 Rewards history
referrals-button-code = 🎟 I have a code

referrals-qr-caption =
    Your invite link as a QR code: let a friend scan it with their phone camera.
    { $link }

referrals-history-title = 📜 Your rewards, page { $page } of { $pages }:
referrals-history-line = { $date } · +{ $amount } { $symbol } · level { $level } · from { $name } · { $status ->
        [SENT] sent to your wallet
       *[CREDITED] credited to your balance
    }
referrals-history-empty = 📜 No rewards yet. You earn one every time someone you invited buys tokens.

referrals-code-prompt = 🎟 Send me the invitation code a friend gave you: 8 letters and digits. You can also paste their invite link.
referrals-code-text-only = Please send the code as a text message, or press Cancel.
referrals-code-malformed = That is not an invitation code: a code is 8 letters and digits, like Ab3dEf7h. Send it again or press Cancel.
referrals-code-unknown = No one has this code. Check it and send it again, or press Cancel.
referrals-code-self = This is your own code: you cannot invite yourself. Send a friend's code or press Cancel.
referrals-code-cycle = This person joined through your invitation (directly or through others), so they cannot be your inviter. Send another code or press Cancel.
referrals-code-already-set = You already have an inviter, and it cannot be changed.
referrals-code-too-late = A code can only be entered before your first purchase.
referrals-code-accepted = ✅ Done! You were invited by { $name }: they will earn a reward on your purchases.
referrals-code-unavailable = Entering an invitation code is no longer available.
referrals-code-cancelled = Cancelled.
