# Профиль: данные пользователя, их изменение и выбор языка.

profile-screen =
    👤 Ваш профиль

    Имя: { $firstName }
    Фамилия: { $lastName }
    Эл. почта: { $email }
    Телефон: { $phone }
    Дата рождения: { $birthday }
    Город: { $city }
    Язык: { $language }
    Аватар: { $avatar }
profile-empty = —
profile-birthday-value = { $day }.{ $month }.{ $year }
profile-avatar-set = есть
profile-avatar-not-set = нет
profile-language-en = English
profile-language-ru = Русский

profile-button-first-name = ✏️ Имя
profile-button-last-name = ✏️ Фамилия
profile-button-email = ✏️ Почта
profile-button-phone = ✏️ Телефон
profile-button-birthday = ✏️ Дата рождения
profile-button-city = ✏️ Город
profile-button-avatar = 🖼 Аватар
profile-button-language = 🌐 Язык
profile-button-clear = 🗑 Очистить
profile-button-share-phone = 📱 Поделиться номером
profile-button-avatar-telegram = 📷 Взять фото из Telegram
profile-button-avatar-upload = ⬆️ Загрузить фото
profile-button-avatar-remove = 🗑 Удалить аватар

profile-ask-first-name =
    Напишите ваше имя: до 64 букв, можно с пробелами, дефисами и апострофами.
    Сейчас: { $current }
profile-ask-last-name =
    Напишите вашу фамилию: до 64 букв, можно с пробелами, дефисами и апострофами. Или нажмите «Очистить», чтобы удалить её.
    Сейчас: { $current }
profile-ask-email =
    Напишите адрес электронной почты, например name@example.com. Или нажмите «Очистить», чтобы удалить его.
    Сейчас: { $current }
profile-ask-birthday =
    Напишите дату рождения в виде ДД.ММ.ГГГГ или ГГГГ-ММ-ДД, например 25.04.1990.
    Сейчас: { $current }
profile-ask-city =
    Напишите ваш город (до 100 символов). Или нажмите «Очистить», чтобы удалить его.
    Сейчас: { $current }
profile-ask-phone = Нажмите «📱 Поделиться номером» внизу, чтобы отправить номер этого аккаунта Telegram. Номер, набранный вручную, не принимается.
profile-ask-avatar = Отправьте фото или файл JPEG или PNG размером до 5 МБ.
profile-expect-text = Пожалуйста, отправьте это текстовым сообщением.
profile-phone-typed = Номер, набранный вручную, не принимается: нажмите «📱 Поделиться номером» внизу, и Telegram сам отправит номер этого аккаунта.
profile-phone-use-button = Нажмите «📱 Поделиться номером» внизу или «Отмена».
profile-avatar-not-a-picture = Это не изображение.

profile-saved = ✅ Сохранено.
profile-cancelled = Ничего не изменилось.
profile-phone-saved = ✅ Номер телефона сохранён.
profile-phone-unchanged = Номер телефона не изменился.
profile-avatar-saved = ✅ Аватар сохранён.
profile-avatar-removed = 🗑 Аватар удалён.
profile-avatar-no-telegram-photo = Не вижу фото в вашем профиле Telegram (его нет, или оно скрыто настройками конфиденциальности). Загрузите фото вместо этого.
profile-language-changed = ✅ Теперь бот говорит по-русски.

profile-avatar-screen =
    🖼 Аватар: { $state }
    Возьмите фото из профиля Telegram или загрузите изображение.
profile-language-screen = 🌐 Выберите язык:

profile-error-field-required = Это поле нельзя оставить пустым.
profile-error-name-too-long = Слишком длинно: не больше { $max } символов.
profile-error-name-invalid = В имени могут быть только буквы, пробелы, дефисы и апострофы (без цифр, символов и ссылок).
profile-error-email-too-long = Слишком длинно: адрес почты не может быть длиннее { $max } символов.
profile-error-email-invalid = Это не похоже на адрес электронной почты. Пример: name@example.com
profile-error-city-too-long = Слишком длинно: название города не может быть длиннее { $max } символов.
profile-error-city-invalid = В названии города не может быть ссылок и управляющих символов.
profile-error-birthday-invalid = Такой даты нет. Напишите её в виде ДД.ММ.ГГГГ или ГГГГ-ММ-ДД, например 25.04.1990.
profile-error-birthday-in-future = Эта дата ещё не наступила.
profile-error-birthday-implausible = С такой датой вам меньше { $min } или больше { $max } лет. Проверьте год.
profile-error-phone-not-own = Это не ваш контакт. Принимается только номер этого аккаунта Telegram.
profile-error-phone-invalid = Этот номер телефона выглядит неправильно.
profile-error-avatar-too-large = Файл слишком большой: можно не больше { $max } МБ.
profile-error-avatar-wrong-type = Такой тип файла не подходит: только изображения JPEG и PNG.
profile-error-avatar-size-unknown = Telegram не сообщил размер этого файла. Пожалуйста, отправьте его как фото.
profile-error-language-unsupported = Этот язык недоступен.
