# Сторона продавца: заявка, лоты, продажи, выручка, выводы.

menu-sell = 💼 Продавать
sell-button-back = ⬅️ Продажи
sell-intro =
    💼 Продавайте игровые товары на Market.
    Подайте заявку продавца: после одобрения вы выставляете лоты, а покупатели платят через бота (деньги держатся до их подтверждения).
sell-button-apply = 📝 Подать заявку
sell-ask-about = Расскажите администраторам о себе: что будете продавать, ваш опыт (до { $max } символов) — или нажмите «Пропустить».
sell-applied = ✅ Заявка отправлена. Администратор её рассмотрит, вам придёт сообщение.
sell-approved-now = ✅ Теперь вы продавец.
sell-waiting = ⏳ Ваша заявка продавца ждёт администратора.
sell-rejected =
    Ваша прошлая заявка отклонена: { $reason }
    Можно подать снова.
sell-home = 💼 Продажи. Что дальше?
sell-button-new-lot = ➕ Новый лот
sell-button-lots = 📦 Мои лоты
sell-button-sales = 🧾 Мои продажи
sell-button-proceeds = 💰 Выручка
sell-admin-new-application = 📝 Новая заявка продавца от { $name }. Рассмотрите её в /admin → Маркет → Заявки.
sell-admin-new-application-about =
    📝 Новая заявка продавца от { $name }. Рассмотрите её в /admin → Маркет → Заявки.
    О себе: { $about }
sell-admin-new-withdrawal = 💸 Запрошен вывод #{ $id }: { $amount }, продавец { $seller }. Рассмотрите его в /admin → Маркет → Выводы.
sell-notice-approved = ✅ Ваша заявка продавца одобрена. Откройте 💼 Продавать в меню, чтобы выставить лоты.
sell-notice-rejected = ❌ Ваша заявка продавца отклонена: { $reason }
sell-notice-withdrawal-paid = ✅ Вывод #{ $id } на { $amount } выплачен. Номер платежа: { $note }
sell-notice-withdrawal-rejected = ❌ Вывод #{ $id } на { $amount } отклонён: { $note }. Сумма вернулась в вашу выручку.

## Вопросы

sell-cancelled = Отменено, ничего не изменилось.
sell-text-only = Ответьте текстом (или кнопками).
sell-photo-or-text = Пришлите фото или воспользуйтесь кнопками.
sell-pick-a-button = Выберите одну из кнопок.
sell-button-skip = Пропустить
sell-button-clear = Очистить
sell-yes = Да
sell-no = Нет
sell-step = Шаг { $step } из 14
sell-no-markets = Пока нет рынков, где можно продавать.
sell-ask-market = Какая игра?
sell-ask-category = Что вы продаёте в { $market }?
sell-ask-league = Какая лига или сервер?
sell-ask-platform = Какая платформа?
sell-ask-level = Уровень персонажа (целое число) или «Пропустить».
sell-ask-language = Какой язык?
sell-ask-short = Краткое описание (одна строка, до 100 символов):
sell-ask-description = Полное описание (до 2000 символов) или «Пропустить».
sell-ask-price = Цена (например 5 или 0,25):
sell-ask-unit = { $price } за сколько единиц? Выберите или введите целое число.
sell-ask-currency = Валюта (выберите или введите код, например GBP):
sell-ask-quantity = Сколько единиц на продажу? (цена за { $unit })
sell-ask-field = { $label }:
sell-ask-field-optional = { $label } (необязательно):
sell-ask-goods =
    Автовыдача: пришлите товар, по строке на единицу ({ $quantity } строк); каждый покупатель получит свою после оплаты.
    Или выдавайте вручную.
sell-ask-goods-form =
    Автовыдача: пришлите то, что покупатель получит после оплаты (логин, ключ ...).
    Или выдавайте вручную.
sell-button-no-auto = Выдам вручную
sell-ask-deactivate = Ставить лот на паузу после каждой продажи?
sell-summary-title = 📋 Проверьте лот:
sell-button-publish = ✅ Опубликовать
sell-lot-published = ✅ Лот #{ $id } выставлен на продажу.
sell-button-open-lot = 📦 Открыть лот

## Лоты

sell-lots-empty = У вас пока нет лотов.
sell-lots-title = 📦 Ваши лоты ({ $total }), страница { $page } из { $pages }:
sell-lot-title = 📦 Лот #{ $id }: { $short }
sell-lot-where = { $market } → { $category }
sell-price = 💵 { $price } { $currency } за { $unit }
sell-lot-quantity = В наличии: { $quantity }
sell-lot-form = Одна единица (лот-анкета)
sell-lot-active = 🟢 В продаже
sell-lot-paused = ⏸ На паузе
sell-lot-league = Лига: { $league }
sell-lot-platform = Платформа: { $platform }
sell-lot-level = Уровень: { $level }
sell-lot-language = Язык: { $language }
sell-lot-auto = 🤖 Автовыдача: осталось { $left }
sell-lot-deactivate = Пауза после продажи
sell-lot-open-orders = Открытых заказов: { $count }
sell-field-short = ✏️ Название
sell-field-description = ✏️ Описание
sell-field-price = ✏️ Цена
sell-field-unit = ✏️ Единица цены
sell-field-quantity = ✏️ Количество
sell-field-level = ✏️ Уровень
sell-field-deactivate = ✏️ Пауза после продажи
sell-button-pause = ⏸ Пауза
sell-button-resume = ▶️ Возобновить
sell-button-delete = 🗑 Удалить
sell-button-lots-back = ⬅️ Мои лоты
sell-lot-paused-now = На паузе.
sell-lot-resumed = Снова в продаже.
sell-delete-question = Удалить лот «{ $short }»? Покупатели его больше не увидят.
sell-button-delete-confirm = 🗑 Да, удалить
sell-lot-deleted = 🗑 Лот удалён.
sell-edit-ask = Новое значение для «{ $field }»:
sell-edit-saved = ✅ Сохранено: { $field }.

## Продажи и выручка

sell-sales-empty = Продаж пока нет.
sell-sales-title = 🧾 Ваши продажи ({ $total }), страница { $page } из { $pages }. Откройте любую:
sell-sale-line = #{ $id } { $short } · { $amount } · { $status }
sell-order-awaiting-payment = ждёт оплаты
sell-order-paid = оплачен, выдайте
sell-order-delivered = выдан
sell-order-confirmed = завершён
sell-order-disputed = спор
sell-order-refunded = возвращён
sell-order-cancelled = отменён
sell-order-expired = истёк
sell-proceeds-empty = 💰 Выручки пока нет.
sell-proceeds-title = 💰 Ваша выручка:
sell-proceeds-line = { $currency }: доступно { $available }, удержано { $held }, запрошено { $requested }
sell-button-withdraw = 💸 Вывести { $currency }
sell-withdrawals-title = Выводы:
sell-withdrawal-line = #{ $id } { $amount } · { $status }
sell-withdrawal-requested = запрошен
sell-withdrawal-paid = выплачен
sell-withdrawal-rejected = отклонён
sell-ask-withdraw-amount = Сколько вывести? Доступно: { $available }
sell-ask-withdraw-destination = Куда выплатить (карта, кошелёк, счёт — до 300 символов)?
sell-withdraw-confirm = Вывести { $amount } на { $destination }?
sell-button-withdraw-confirm = ✅ Запросить
sell-withdraw-requested = ✅ Вывод #{ $id } на { $amount } запрошен. Администратор выплатит его, вам придёт сообщение.

## Отказы (по кодам ядра)

sell-error-title-invalid = Название — от 1 до 80 символов.
sell-error-text-too-long = Слишком длинно: не больше 2000 символов.
sell-error-name-invalid = Имя — одна строка от 1 до 60 символов.
sell-error-name-taken = Такое имя здесь уже есть.
sell-error-form-fields-invalid = Пришлите от 1 до 20 разных названий полей, по одному в строке, до 60 символов (знак ? в конце — необязательное поле).
sell-error-percent-invalid = Процент — число от 0 до 100, не больше двух знаков после запятой, например 5 или 2,5.
sell-error-minimum-invalid = Пришлите минимум суммой и валютой, например 0.50 USD, или 0.
sell-error-currency-invalid = Неизвестная валюта: используйте код вроде USD, EUR, RUB.
sell-error-market-not-found = Этого рынка больше нет.
sell-error-market-in-use = На рынке есть лоты, удалить его нельзя. Отправьте его в архив.
sell-error-category-not-found = Этой категории больше нет.
sell-error-category-in-use = В категории есть лоты, удалить её нельзя.
sell-error-league-not-found = Этой лиги больше нет.
sell-error-currency-not-offered = Цену лота можно указать только в валютах маркета: выберите кнопку.
sell-error-league-platform-mismatch = Эта лига — на другой платформе, чем лот.
sell-error-league-in-use = Лоты ссылаются на эту лигу, удалить её нельзя.
sell-error-fee-rule-not-found = Правила комиссии нет.
sell-error-about-too-long = Слишком длинно: не больше 500 символов.
sell-error-already-applied = Ваша заявка уже ждёт администратора.
sell-error-already-seller = Вы уже продавец.
sell-error-application-not-found = Такой заявки нет.
sell-error-already-decided = По этой заявке уже есть решение.
sell-error-reason-invalid = Напишите причину (до 500 символов).
sell-error-short-description-invalid = Краткое описание — одна строка от 1 до 100 символов.
sell-error-description-too-long = Описание слишком длинное: не больше 2000 символов.
sell-error-price-invalid = Цена — число больше нуля, например 5 или 0,25 (не больше 10 знаков после запятой).
sell-error-price-unit-invalid = Единица цены — целое число от 1 до 1 000 000 000.
sell-error-quantity-invalid = Количество — целое число от 1 до 1 000 000 000 000.
sell-error-quantity-not-editable = Количество этого лота следует за товаром (или равно одной единице), его нельзя ввести.
sell-error-level-invalid = Уровень — целое число от 0 до 100 000.
sell-error-field-value-invalid = Значение — от 1 до 200 символов.
sell-error-fields-missing = Не заполнено обязательное поле.
sell-error-goods-invalid = Пришлите товар текстом, по строке на единицу, до 200 символов в строке.
sell-error-goods-count-mismatch = Строк должно быть столько же, сколько единиц товара.
sell-error-not-a-seller = Это могут только одобренные продавцы.
sell-error-lot-not-found = Этого лота больше нет.
sell-error-lot-sold-out = Продавать нечего: сначала увеличьте количество.
sell-error-lot-has-open-orders = По лоту есть открытые заказы: завершите их перед удалением.
sell-error-amount-invalid = Сумма — число больше нуля, например 10 или 12,50.
sell-error-destination-invalid = Напишите, куда выплатить (до 300 символов).
sell-error-insufficient-proceeds = Это больше доступной выручки.
sell-error-withdrawal-not-found = Такого вывода нет.
sell-error-withdrawal-already-decided = По этому выводу уже есть решение.
sell-error-reference-invalid = Напишите номер платежа (до 200 символов).
sell-error-not-allowed = Нет доступа.
