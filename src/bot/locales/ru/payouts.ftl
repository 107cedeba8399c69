# Выплаты: админы выплачивают балансы токенов на привязанные кошельки; пользователь узнаёт о подтверждённой выплате.

admin-button-payouts = 💰 Выплаты
payouts-off =
    💰 Выплаты выключены.
    Их включает оператор: PAYOUT_TOKEN_ADDRESS (ERC-20 токена платформы) и PAYOUT_PRIVATE_KEY (горячий кошелёк), вместе с ETH_RPC_URL и ETH_CHAIN_ID.
payouts-screen =
    💰 Выплаты { $symbol }

    Готовы к выплате: { $readyCount } польз., { $readyTotal } { $symbol }
    В пути: { $pending } ждут отправки, { $signed } подписаны, { $sent } отправлены
    Зависли (не вошли в блок вовремя): { $stuck }
payouts-button-all = 💸 Выплатить всем готовым
payouts-button-one = 👤 Выплатить одному
payouts-button-run = 🚀 Отправить сейчас
payouts-button-open = 📋 В пути
payouts-button-back = ⬅️ Выплаты
payouts-choose-user = 👤 Кому выплатить? Пользователи с подтверждённым кошельком и без выплаты в пути, по убыванию баланса:
payouts-choose-user-empty = Выплачивать некому: ни у кого с балансом нет подтверждённого кошелька без выплаты в пути.
payouts-user-button = { $name }: { $amount }
payouts-open-title = 📋 Выплаты в пути
payouts-open-empty = В пути ничего нет.
payouts-open-line = #{ $id } { $name }: { $amount } { $symbol }, { $status }{ $stuck }
payouts-open-stuck = , ⚠️ зависла
payouts-status-pending = ждёт отправки
payouts-status-signed = подписана
payouts-status-sent = отправлена
payouts-created = Создано выплат: { $count }, всего { $total } { $symbol }. Нажмите «Отправить сейчас», чтобы отправить их.
payouts-created-none = Ни одной выплаты не создано.
payouts-skipped = Пропущено { $count }: { $reasons }.
payouts-skip-no-wallet = нет кошелька
payouts-skip-wallet-not-confirmed = кошелёк не подтверждён
payouts-skip-wallet-other-chain = кошелёк в другой сети
payouts-skip-payout-open = выплата уже в пути
payouts-skip-nothing-available = нечего выплачивать
payouts-ran = Отправлено { $sent } (новых подписано { $signed }); подтверждено { $confirmed }; не прошло { $failed }; зависло { $stuck }; ждут блоков { $waiting }.
payouts-run-failed = ⚠️ Отправка остановилась: узел Ethereum недоступен или отказал. Дважды ничего не уйдёт: нажмите «Отправить сейчас» позже ещё раз.
payouts-error-token = Токен продажи не найден.
payouts-error-user = Такого пользователя больше нет.

## Пользователю

payout-notice-confirmed =
    ✅ Выплата получена: { $amount } { $symbol } отправлены на ваш кошелёк { $address }.
    Транзакция: { $link }
payout-notice-button = 🔎 Посмотреть транзакцию

## Админам

payout-admin-failed = ⚠️ Выплата #{ $id } ({ $amount } { $symbol } на { $address }) не прошла: { $reason }. Ничего не списано; пользователю можно выплатить снова. Транзакция: { $hash }
payout-admin-failed-reverted = перевод откатился в сети (не хватает токенов или газа на горячем кошельке?)
payout-admin-failed-nonce-taken = её nonce занят другой транзакцией с горячего кошелька
payout-admin-stuck = ⏳ Выплата #{ $id } ({ $amount } { $symbol } на { $address }) не вошла в блок через { $minutes } мин после отправки. Транзакция: { $hash }
