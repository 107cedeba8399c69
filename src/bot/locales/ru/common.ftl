# Общие для всех разделов: приветствие, главное меню, ошибки.

welcome =
    Привет, { $name }! 👋
    Это Market: покупайте токен платформы в раундах продажи, приглашайте друзей и получайте токены с их покупок.
    Выберите действие:
welcome-invited = 🤝 Вы пришли по приглашению друга: он получит награду с ваших покупок.

menu-market = 🎮 Маркет
menu-buy = 🪙 Купить токены
menu-balance = 💰 Баланс
menu-referrals = 🤝 Пригласить друзей
menu-profile = 👤 Профиль
menu-wallet = 👛 Кошелёк
menu-help = ❓ Помощь
menu-admin = 🛠 Админка
menu-back = ⬅️ Меню
button-back = ⬅️ Назад
button-cancel = ✖️ Отмена
button-next = Далее ▶️
button-prev = ◀️ Назад

start-lot-unavailable = Этот лот больше недоступен.
start-lot-bad-link = Ссылка на лот повреждена: проверьте, что она скопирована целиком.
stale-button = Эта кнопка устарела. Откройте меню заново: /menu
unknown-input = Не понял. Воспользуйтесь кнопками ниже.
error-generic = У нас что-то пошло не так. Попробуйте ещё раз через минуту.
rate-limited = Слишком много запросов. Подождите несколько секунд.
not-allowed = Нет доступа.

command-start = Начало и главное меню
command-market = Маркет игровых товаров
command-orders = Мои заказы в маркете
command-sell = Продавать игровые товары
command-buy = Купить токены
command-balance = Мой баланс
command-invite = Пригласить друзей
command-profile = Мой профиль
command-help = Помощь
command-terms = Условия продажи

notice-payment-on-hold = ⚠️ Платёж #{ $payment } по заказу #{ $order } задержан: { $reason }. Ничего не зачислено; верните деньги или разберитесь вручную.
