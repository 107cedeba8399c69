# The static pages (Help, About, Terms, FAQ) and their editor.
# The page texts below are the defaults, shown until an admin publishes a page in this language.

# Placeholder: the real support contact goes here (or admins publish pages that name it).
-pages-support = @market_support

pages-help-title = ❓ Help
pages-help-body =
    Market is a shop inside Telegram: here you buy the platform token in its sale rounds and earn tokens by inviting friends.

    🪙 Buy tokens: choose how many tokens you want and pay with one of the offered methods. The tokens are reserved for you while you pay and credited as soon as the payment provider confirms the payment.

    🤝 Invite friends: share your personal link. Whoever starts the bot through it becomes your referral, and you earn a token reward on each of their purchases.

    💰 Balance shows your tokens and your purchases; 👤 Profile is where you change your name and language.

    Questions about a payment? Write to support: { -pages-support }
pages-about-title = ℹ️ About Market
pages-about-body =
    Market is a storefront in Telegram for the platform token and for game goods.

    • The token sale runs in rounds. Each round has its own price and a fixed number of tokens; when a round sells out, the next one opens at its own price.
    • Referrals: every user has a personal invitation link. When people who joined through your link buy tokens, you receive a share of their purchase in tokens, credited automatically.
    • Payments go through established payment providers (bank cards, YooMoney, Telegram Stars and others). Market never sees your card details; an order counts once the provider confirms the payment.

    Support: { -pages-support }
pages-terms-title = 📜 Terms of use
pages-terms-body =
    By using this bot you accept these terms.

    1. The service. Market sells the platform token in sale rounds and rewards users for inviting others. The price, the limits of a round and the reward percentages are shown before each purchase and may differ from round to round.
    2. Payments. Payments are processed by third-party payment providers under their own terms. An order is complete only when the provider confirms the payment; an unpaid order expires and its reserved tokens return to the sale.
    3. Refunds. Tokens credited for a confirmed payment are final, unless the law requires otherwise. If you were charged and received nothing, contact support within 14 days with the date and amount of the payment.
    4. Referral rewards are credited for purchases of the users you invited, as described in the bot. Abuse (inviting yourself, fake accounts) voids the rewards.
    5. Risks. The token is not a deposit or an investment product; nothing in this bot promises its future value or any return.
    6. Liability. The service is provided as is. We are not liable for losses caused by wrong payment details, outages of third parties or events beyond our control.
    7. Changes. These terms may change; the version shown in this bot is the one in force.

    Contact: { -pages-support }
pages-faq-title = 💬 Frequently asked questions
pages-faq-body =
    How do I buy tokens?
    Open 🪙 Buy tokens in the menu, enter the amount and choose a payment method.

    When do I get my tokens?
    As soon as the payment provider confirms the payment, usually within a minute. Until then the tokens are reserved for you.

    I paid, but the tokens have not arrived.
    Some providers confirm with a delay. If nothing arrives within an hour, write to support with the time and amount of the payment.

    How do referral rewards work?
    Share your link from 🤝 Invite friends. Each time someone who joined through it buys tokens, you get a percentage of that purchase in tokens. The percentage is set by the sale round.

    Can I change the language?
    Yes, in 👤 Profile.

    Still have a question? Write to { -pages-support }

pages-button-about = ℹ️ About
pages-button-terms = 📜 Terms
pages-button-faq = 💬 FAQ
pages-button-edit = ✏️ Edit
pages-button-open = 📄 Open the page
pages-button-write = ✍️ { $code ->
    [ru] Russian
   *[en] English
} version
pages-button-draft = 👁 { $code ->
    [ru] Russian
   *[en] English
} draft
pages-button-preview = 👁 Preview
pages-button-publish = ✅ Publish
pages-button-discard = 🗑 Discard draft

pages-name = { $slug ->
    [about] About
    [terms] Terms
    [faq] FAQ
   *[help] Help
}
pages-language = { $language ->
    [ru] Russian
   *[en] English
}

pages-editor = ✏️ Editing the page “{ $page }”. Choose the language version to write; users keep seeing the published page until you publish the new one.
pages-status-published = • { $code ->
    [ru] Russian
   *[en] English
}: published { $date }
pages-status-default = • { $code ->
    [ru] Russian
   *[en] English
}: default text, never published
pages-status-draft = (a draft is waiting)

pages-ask-title =
    ✍️ “{ $page }”, { $language } version.

    Step 1 of 2: send the new title (up to { $max } characters).
pages-ask-body = Step 2 of 2: send the page text in one message, up to { $max } characters. Plain text: formatting is not kept.
pages-send-text = Please send it as a text message.
pages-title-empty = The title is empty. Send the title as text.
pages-title-too-long = The title has { $length } characters; the limit is { $max }. Send a shorter one.
pages-body-empty = The page text is empty. Send the text of the page.
pages-body-too-long = The text has { $length } characters, but a Telegram message holds at most 4096, so with this title the page can have at most { $max }. Shorten it and send it again.
pages-edit-cancelled = Editing cancelled. Nothing was saved.
pages-draft-saved = 💾 Draft of “{ $page }” ({ $language }) saved. Users still see the published page: preview the draft, then publish or discard it.
pages-preview-notice = Draft preview: users do not see it yet.
pages-published = ✅ “{ $page }” ({ $language }) is published: users see the new version now.
pages-discarded = 🗑 The draft of “{ $page }” ({ $language }) is discarded. The published page did not change.
pages-no-draft = There is no draft any more: it was published or discarded already.
pages-draft-changed = The draft has changed since you opened it. Open it again to see the current version.
