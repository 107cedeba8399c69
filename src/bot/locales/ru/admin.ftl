# Админка: статистика, раунды, роли.

admin-menu = 🛠 Админка. Выберите раздел:
admin-button-stats = 📊 Статистика
admin-button-rounds = 🗂 Раунды
admin-button-roles = 👥 Роли
admin-button-help-page = ❓ Страница помощи
admin-button-back = ⬅️ В админку

## Статистика

admin-stats =
    📊 Статистика продаж, { $symbol }

    Продано: { $sold } { $symbol }
    { $soldRounds }

    Реферальные награды: { $rewards } { $symbol }
    { $rewardRounds }

    Покупатели: { $buyers } (всего пользователей: { $users })
    Конверсия приглашённых: { $conversion }
admin-stats-round = • { $name }: { $amount }
admin-stats-conversion = { $percent }% (приглашённых: { $referred }, из них купили: { $bought })
admin-stats-conversion-none = приглашённых пока нет

## Раунды

admin-rounds-title = 🗂 Раунды продажи { $symbol }
admin-rounds-empty = Раундов пока нет: создайте первый.
admin-round-line =
    { $position }. { $name } — { $status }
    { $price } { $currency } за токен · продано { $sold } из { $cap } ({ $progress }%)
admin-status-draft = 📝 черновик
admin-status-active = 🟢 идёт продажа
admin-status-complete = ✅ завершён
admin-button-round = { $position }. { $name }
admin-button-new-round = ➕ Новый раунд
admin-button-rounds-back = ⬅️ К раундам
admin-button-open-round = 🔎 Открыть раунд

admin-round-card =
    { $position }. { $name } — { $status }
    Цена: { $price } { $currency } за токен
    Объём раунда: { $cap }
    Продано: { $sold } ({ $progress }%), в резерве: { $reserved }
    Реферальная награда: { $referral }%
    За одну покупку: от { $min } до { $max }
    Начало: { $start }
    Окончание: { $end }
admin-round-no-max = без ограничения
admin-round-no-date = не задано
admin-round-edit-hint = Это черновик: нажмите на поле, чтобы изменить его.

admin-field-name = Название
admin-field-currency = Валюта
admin-field-price = Цена
admin-field-cap = Объём
admin-field-ref = Реф. %
admin-field-min = Минимум
admin-field-max = Максимум
admin-field-start = Начало
admin-field-end = Окончание

admin-button-activate = ▶️ Запустить
admin-button-complete = ⏹ Завершить
admin-activate-question = Запустить продажу в раунде «{ $name }» сейчас?
admin-activate-replaces = Текущий раунд «{ $name }» будет завершён.
admin-activate-none-active = Сейчас ни один раунд не идёт.
admin-button-confirm-activate = ✅ Да, запустить
admin-activated = ✅ Раунд «{ $name }» запущен.
admin-activated-replacing = ✅ Раунд «{ $name }» запущен, раунд «{ $previous }» завершён.
admin-complete-question = Завершить раунд «{ $name }» сейчас? Непроданный остаток ({ $left }) в нём уже не продастся, а продажа перейдёт к следующему черновику.
admin-button-confirm-complete = ✅ Да, завершить
admin-completed-next = ✅ Раунд «{ $name }» завершён. Сейчас идёт «{ $next }».
admin-completed-last = ✅ Раунд «{ $name }» завершён. Черновиков больше нет: продажа окончена.

## Создание и правка раунда

admin-step = Шаг { $step } из { $steps }.
admin-ask-name = Пришлите название раунда (до 64 символов).
admin-ask-currency = Пришлите валюту цены: трёхбуквенный код, например USD, EUR или RUB.
admin-ask-price = Пришлите цену одного токена в { $currency }: положительное число, не больше 10 знаков после точки, например 0.0125.
admin-ask-cap = Сколько токенов продаётся в раунде? Пришлите целое число.
admin-ask-ref = Пришлите реферальную награду за прямое приглашение в процентах: от 0 до 100, не больше двух знаков после точки.
admin-ask-min = Пришлите минимальную покупку в токенах (целое число).
admin-ask-max = Пришлите максимальную покупку в токенах (не меньше { $min }) или нажмите «Без максимума».
admin-ask-start = Когда начинается раунд? Пришлите ГГГГ-ММ-ДД ЧЧ:ММ по UTC, например 2026-03-01 12:00, или нажмите «Без даты начала».
admin-ask-end = Когда раунд заканчивается? Пришлите ГГГГ-ММ-ДД ЧЧ:ММ по UTC, позже начала, или нажмите «Без даты окончания».
admin-skip-max = Без максимума
admin-skip-start = Без даты начала
admin-skip-end = Без даты окончания
admin-edit-current = Раунд «{ $name }», поле «{ $field }». Сейчас: { $value }
admin-text-only = Ответьте текстом или нажмите «Отмена».
admin-cancelled = Отменено, ничего не изменилось.
admin-round-created = ✅ Раунд «{ $name }» создан как черновик, он { $position }-й по счёту.
admin-round-saved = ✅ Сохранено: поле «{ $field }» раунда «{ $name }».

admin-error-round-name = Название должно быть длиной от 1 до 64 символов.
admin-error-currency = Такая валюта не поддерживается. Пришлите трёхбуквенный код, например USD, EUR или RUB.
admin-error-price = Цена должна быть положительным числом, не больше 10 знаков после точки, например 0.0125.
admin-error-cap = Объём должен быть целым числом токенов, не меньше 1.
admin-error-referral = Реферальный процент должен быть от 0 до 100, не больше двух знаков после точки, например 7.5.
admin-error-min = Минимум должен быть целым числом токенов, не меньше 1.
admin-error-max = Максимум должен быть целым числом токенов, не меньше 1.
admin-error-date = Это не дата и время. Пришлите ГГГГ-ММ-ДД ЧЧ:ММ по UTC, например 2026-03-01 12:00.
admin-error-min-above-cap = Минимальная покупка не может быть больше объёма раунда.
admin-error-max-below-min = Максимальная покупка не может быть меньше минимальной.
admin-error-end-before-start = Окончание должно быть позже начала.
admin-error-token-not-found = Токен продажи не найден.
admin-error-round-not-found = Такого раунда нет.
admin-error-round-not-draft = Изменить или запустить можно только черновик, а этот раунд уже идёт или завершён.
admin-error-round-not-active = Продажа в этом раунде уже не идёт.
admin-error-round-ended = Время окончания этого раунда уже прошло: сначала измените его.

## Роли

admin-roles-ask = Чьи роли изменить? Пришлите Telegram id пользователя (цифры) или @username.
admin-roles-bad-ref = Это не Telegram id и не имя пользователя. Пришлите цифры, например 123456789, или имя, например @alice.
admin-roles-unknown = Пользователя { $user } здесь нет. Пользователь появляется, когда впервые открывает бота.
admin-roles-who = { $name } (@{ $username }, id { $id })
admin-roles-who-no-username = { $name } (id { $id })
admin-roles-card =
    👤 { $who }
    Роли: { $roles }

    Нажмите на роль, чтобы выдать или снять её.
admin-role-buyer = Покупатель
admin-role-seller = Продавец
admin-role-support = Поддержка
admin-role-admin = Администратор
admin-role-on = ✅ { $role }
admin-role-off = ⬜ { $role }
admin-role-granted = Роль выдана: { $role }.
admin-role-revoked = Роль снята: { $role }.
admin-button-another-user = 👤 Другой пользователь
admin-error-self-admin = Нельзя снять роль администратора с самого себя: попросите другого администратора.
admin-error-user-not-found = Пользователь не найден.
admin-error-role = Эту роль нельзя выдать или снять.

admin-button-refunds = 💸 Возвраты
admin-button-disputes = ⚠️ Споры
