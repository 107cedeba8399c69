# Продажа токенов: карточка раунда, покупка, мои покупки, баланс и уведомления о заказах.

# Локаль, в которой форматируются числа и даты (совпадает с языком этого файла).
buy-locale = ru

buy-tokens = { $count ->
    [one] { $amount } токен
    [few] { $amount } токена
   *[other] { $amount } токенов
}
buy-duration-days = { $n } д
buy-duration-hours = { $n } ч
buy-duration-minutes = { $n } мин

## Карточка раунда

buy-card-title = 🪙 { $token } ({ $symbol }): раунд «{ $round }»
buy-card-price = Цена: { $price } за токен
buy-card-progress = Продано: { $bar }
buy-card-left = Осталось в раунде: { $tokens }
buy-card-limits = За одну покупку: от { $min } до { $max }
buy-card-limits-min = За одну покупку: не меньше { $min }
buy-card-referral = Реферальная награда: { $percent } с покупок ваших друзей
buy-card-ends = ⏳ До конца раунда: { $duration }
buy-card-starts = 🕒 Раунд откроется { $date }
buy-card-sale-left = Всего в продаже осталось: { $tokens }
buy-card-all-reserved = Сейчас все токены этого раунда зарезервированы. Неоплаченные резервы возвращаются в продажу — загляните чуть позже.
buy-card-buy = 🛒 Купить токены
buy-card-purchases = 🧾 Мои покупки
buy-sale-complete = 🏁 Продажа токенов завершена: все раунды закрыты. Спасибо за интерес!
buy-sale-not-open = Продажа токенов сейчас не идёт. Загляните позже.

## Покупка

buy-amount-prompt = Сколько токенов вы хотите купить? Выберите количество ниже или введите целое число.
buy-amount-round = Раунд «{ $round }»: { $price } за токен, свободно: { $left }.
buy-amount-limits = За одну покупку: от { $min } до { $max }.
buy-amount-limits-min = За одну покупку: не меньше { $min }.
buy-amount-use-buttons = Введите количество токенов числом или воспользуйтесь кнопками ниже.
buy-summary-title = 🧾 Ваш заказ
buy-summary-round = Раунд: «{ $round }»
buy-summary-amount = Количество: { $tokens }
buy-summary-unit-price = Цена за токен: { $price }
buy-summary-total = Итого: { $total }
buy-summary-hold = После подтверждения токены будут зарезервированы за вами на { $minutes } мин, пока вы оплачиваете.
buy-summary-price-changed = ⚠️ Пока вы решали, раунд сменился. Вот новая цена.
buy-confirm = ✅ Подтвердить
buy-change-amount = ✏️ Изменить количество
buy-cancelled = Покупка отменена. Ничего не зарезервировано.
buy-reserved = ✅ Заказ №{ $order } зарезервирован за вами до { $until }.
buy-reserved-details = { $tokens } на сумму { $total }.
buy-reserved-waiting = ⏳ Ждём оплату. Здесь появятся способы оплаты.
buy-reserved-choose = ⏳ Ждём оплату. Выберите способ оплаты:
buy-cancel-order = ✖️ Отменить заказ
buy-order-cancelled = Заказ №{ $order } отменён. Его токены вернулись в продажу.
buy-order-not-pending = Заказ №{ $order } нельзя отменить: он уже не ждёт оплаты.
buy-order-not-found = У вас нет такого заказа.

## Почему количество не принято

buy-error-not-a-number = Это не число. Введите количество токенов цифрами, например 1000.
buy-error-not-whole = Токены продаются целиком: введите целое число, без дробной части.
buy-error-too-small = Количество должно быть положительным: хотя бы 1 токен.
buy-error-too-large = Это намного больше, чем есть в продаже. Введите число поменьше.
buy-error-below-min = Слишком мало: минимальная покупка в этом раунде — { $min }.
buy-error-above-max = Слишком много: максимальная покупка в этом раунде — { $max }.
buy-error-exceeds-left = Столько нет: свободно в этом раунде только { $left }. Введите число поменьше.
buy-error-sold-out = Этот раунд распродан: свободных токенов сейчас нет.
buy-error-not-started = Этот раунд ещё не начался: он откроется { $date }.
buy-error-not-active = Сейчас нет открытого раунда продажи.

## Мои покупки и баланс

buy-purchases-title = 🧾 Мои покупки (страница { $page } из { $pages })
buy-purchases-empty = 🧾 У вас пока нет покупок.
buy-purchase-line = №{ $order } · «{ $round }» · { $tokens } · { $total }
buy-purchase-status = { $status } · { $date }
buy-purchase-cancel = ✖️ Отменить №{ $order }
buy-status-pending = ⏳ ждёт оплаты
buy-status-paid = ✅ оплачен
buy-status-expired = ⌛ резерв истёк
buy-status-cancelled = ✖️ отменён
buy-status-refund-required = ↩️ ожидает возврата
buy-status-refunded = ↩️ деньги возвращены
buy-balance = 💰 Ваш баланс: { $tokens }
buy-balance-value = По цене текущего раунда это { $value }.
buy-balance-pending = ⏳ Ждут оплаты: { $tokens }
buy-balance-unavailable = Продажа токенов ещё не настроена.

## Уведомления о статусе заказа

buy-notice-expired = ⌛ Резерв по заказу №{ $order } истёк, токены снова в продаже ({ $tokens }). Купить снова можно в любой момент.
buy-notice-buy-again = 🪙 Купить снова
buy-notice-paid = ✅ Оплата заказа №{ $order } подтверждена. Зачислено: { $tokens }. Ваш баланс: { $balance }.
buy-notice-cancelled = ✖️ Заказ №{ $order } отменён, токены снова в продаже ({ $tokens }).
buy-notice-refund-required = ↩️ Оплата заказа №{ $order } пришла после окончания резерва, а свободных токенов в раунде уже не осталось. Мы вернём вам { $total }.
buy-notice-refunded = ↩️ Заказ №{ $order }: деньги ({ $total }) возвращены.
