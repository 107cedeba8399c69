# Profile: the user's data, its edits and the language switch.

profile-screen =
    👤 Your profile

    First name: { $firstName }
    Last name: { $lastName }
    Email: { $email }
    Phone: { $phone }
    Birthday: { $birthday }
    City: { $city }
    Language: { $language }
    Avatar: { $avatar }
profile-empty = —
profile-birthday-value = { $year }-{ $month }-{ $day }
profile-avatar-set = set
profile-avatar-not-set = not set
profile-language-en = English
profile-language-ru = Русский

profile-button-first-name = ✏️ First name
profile-button-last-name = ✏️ Last name
profile-button-email = ✏️ Email
profile-button-phone = ✏️ Phone
profile-button-birthday = ✏️ Birthday
profile-button-city = ✏️ City
profile-button-avatar = 🖼 Avatar
profile-button-language = 🌐 Language
profile-button-clear = 🗑 Clear
profile-button-share-phone = 📱 Share my phone number
profile-button-avatar-telegram = 📷 Use my Telegram photo
profile-button-avatar-upload = ⬆️ Upload a photo
profile-button-avatar-remove = 🗑 Remove avatar

profile-ask-first-name =
    Send your first name: up to 64 letters; spaces, hyphens and apostrophes are fine.
    Now: { $current }
profile-ask-last-name =
    Send your last name: up to 64 letters; spaces, hyphens and apostrophes are fine. Or press “Clear” to remove it.
    Now: { $current }
profile-ask-email =
    Send your email address, for example name@example.com. Or press “Clear” to remove it.
    Now: { $current }
profile-ask-birthday =
    Send your date of birth as DD.MM.YYYY or YYYY-MM-DD, for example 25.04.1990.
    Now: { $current }
profile-ask-city =
    Send your city (up to 100 characters). Or press “Clear” to remove it.
    Now: { $current }
profile-ask-phone = Tap “📱 Share my phone number” below to share the number of this Telegram account. Typed numbers are not accepted.
profile-ask-avatar = Send a photo, or a JPEG or PNG file of up to 5 MB.
profile-expect-text = Please send it as a text message.
profile-phone-typed = Typed numbers are not accepted: tap “📱 Share my phone number” below, and Telegram will send the number of this account.
profile-phone-use-button = Please tap “📱 Share my phone number” below, or “Cancel”.
profile-avatar-not-a-picture = That is not a picture.

profile-saved = ✅ Saved.
profile-cancelled = Nothing was changed.
profile-phone-saved = ✅ Phone number saved.
profile-phone-unchanged = The phone number was not changed.
profile-avatar-saved = ✅ Avatar saved.
profile-avatar-removed = 🗑 Avatar removed.
profile-avatar-no-telegram-photo = I can't see a profile photo in your Telegram account (there is none, or your privacy settings hide it). Upload a photo instead.
profile-language-changed = ✅ The bot now speaks English.

profile-avatar-screen =
    🖼 Avatar: { $state }
    Take your Telegram profile photo, or upload a picture.
profile-language-screen = 🌐 Choose the language:

profile-error-field-required = This field can't be left empty.
profile-error-name-too-long = That's too long: a name can have at most { $max } characters.
profile-error-name-invalid = A name may contain only letters, spaces, hyphens and apostrophes (no digits, symbols or links).
profile-error-email-too-long = That's too long: an email address can have at most { $max } characters.
profile-error-email-invalid = That doesn't look like an email address. Example: name@example.com
profile-error-city-too-long = That's too long: a city can have at most { $max } characters.
profile-error-city-invalid = A city name can't contain links or control characters.
profile-error-birthday-invalid = That's not a real date. Use DD.MM.YYYY or YYYY-MM-DD, for example 25.04.1990.
profile-error-birthday-in-future = That date is in the future.
profile-error-birthday-implausible = With that date you would be younger than { $min } or older than { $max }. Please check the year.
profile-error-phone-not-own = That's not your own contact. Only the number of this Telegram account is accepted.
profile-error-phone-invalid = That phone number doesn't look valid.
profile-error-avatar-too-large = That file is too large: the limit is { $max } MB.
profile-error-avatar-wrong-type = That file type is not accepted: only JPEG and PNG images.
profile-error-avatar-size-unknown = Telegram didn't tell me the size of that file. Please send it as a photo.
profile-error-language-unsupported = This language is not available.
