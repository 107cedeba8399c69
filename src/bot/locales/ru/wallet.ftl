# Кошелёк: привязка кошелька MetaMask через Sign-In with Ethereum и отвязка.

wallet-link-intro =
    👛 Привяжите кошелёк MetaMask

    Откройте страницу по кнопке ниже, подключите MetaMask и подпишите сообщение: так вы подтвердите, что кошелёк ваш. Подпись ничего не отправляет в блокчейн и ничего не стоит.

    Ссылка только для вас, одноразовая и действует { $minutes } мин.
wallet-needs-public-url =
    👛 Привязка кошелька MetaMask пока недоступна: странице кошелька нужен публичный адрес.
    Владелец бота должен задать PUBLIC_URL (https-адрес этого приложения) и перезапустить его.
wallet-linked =
    👛 Ваш привязанный кошелёк

    <code>{ $address }</code>
    { $kind }, привязан { $date }.
wallet-kind-eoa = Аккаунт MetaMask
wallet-kind-contract = Контрактный кошелёк (EIP-1271)
wallet-button-link = 🦊 Привязать MetaMask
wallet-button-mini-app = 📱 Открыть в Telegram
wallet-button-unlink = 🔓 Отвязать
wallet-button-unlink-confirm = 🔓 Да, отвязать
wallet-unlink-confirm =
    Отвязать <code>{ $address }</code> от вашего аккаунта?
    Его или другой кошелёк можно привязать снова в любой момент.
wallet-unlinked = Кошелёк { $address } отвязан.
wallet-unlink-gone = Этот кошелёк уже не привязан.
wallet-notice-linked =
    ✅ Ваш кошелёк привязан:
    <code>{ $address }</code>
wallet-notice-replaced =
    ✅ Ваш кошелёк привязан:
    <code>{ $address }</code>
    Он заменил <code>{ $previous }</code>.
