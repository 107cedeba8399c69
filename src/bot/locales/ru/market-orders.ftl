# Заказы маркета через гаранта: покупка лота, оплата, экран заказа, переписка, отзывы, споры.

mko-price-display = { $price } (≈ { $display })
mko-quantity = 🛒 { $lot }
    Сколько? Доступно: { $available }.
mko-summary = 🧾 Заказ №{ $order }: { $lot } × { $quantity }
mko-summary-price = Цена: { $price }
    Комиссия: { $fee }
    Итого: { $total }
mko-summary-pay = Выберите способ оплаты до { $until }: до этого времени количество зарезервировано за вами. Деньги удерживаются, пока вы не подтвердите получение.
mko-no-methods = Сейчас нет доступных способов оплаты. Заказ ещё немного побудет зарезервированным; попробуйте позже.
mko-pay-link = 💳 Заказ №{ $order }: оплатите { $amount } на открывшейся странице.
mko-invoice-title = Заказ маркета №{ $order }

mko-button-cancel = ✖️ Отменить заказ
mko-button-view = 📄 Открыть заказ
mko-button-deliver = 📦 Передать товар
mko-button-confirm = ✅ Я получил
mko-button-dispute = ⚠️ Открыть спор
mko-button-message = 💬 Написать
mko-button-reply = 💬 Ответить
mko-button-refund = ↩️ Вернуть деньги покупателю
mko-button-release = 💸 Отдать деньги продавцу
mko-button-my-orders = 🧾 Мои заказы
mko-button-no-text = Без текста

mko-status-awaiting-payment = ждёт оплаты
mko-status-paid = оплачен, ждёт передачи
mko-status-delivered = передан, ждёт подтверждения
mko-status-confirmed = завершён
mko-status-disputed = спор
mko-status-refunded = деньги возвращены
mko-status-cancelled = отменён
mko-status-expired = истёк (не оплачен)

mko-party-buyer = Покупатель
mko-party-seller = Продавец
mko-party-support = Поддержка

mko-order-title = 🧾 Заказ №{ $order }: { $lot } × { $quantity }
mko-order-status = Статус: { $status }
mko-order-total = Итого: { $total }
mko-order-proceeds = Ваша выручка после комиссии: { $amount }
mko-order-confirm-by = Завершится сам { $until }, если покупатель не откроет спор.
mko-order-goods = 📦 Товар:
mko-order-review = Отзыв: { $stars } { $text }
mko-order-chat = 💬 Переписка:

mko-confirmed = ✅ Спасибо! Заказ завершён, продавец получил оплату. Ниже можно оценить продавца.
mko-cancelled = Заказ отменён.
mko-cancelled-refunded = Заказ отменён, деньги покупателя возвращаются.
mko-resolved-release = Спор закрыт: деньги уходят продавцу.
mko-resolved-refund = Спор закрыт: деньги покупателю возвращены.
mko-resolved-refund-pending = Заказ возвращён, но платёжная система ещё не вернула деньги. Нажмите «Вернуть» ещё раз, чтобы повторить.
mko-delivered = 📦 Передано. Покупатель уведомлён.
mko-disputed = ⚠️ Спор открыт. Поддержка прочитает переписку по заказу и примет решение.
mko-message-sent = 💬 Отправлено.
mko-reviewed = ⭐ Спасибо за отзыв!
mko-aborted = Ничего не отправлено.
mko-text-only = Пришлите, пожалуйста, текст.

mko-ask-deliver = 📦 Заказ №{ $order }: пришлите то, что получит покупатель (код, данные для входа, как передан товар).
mko-ask-dispute = ⚠️ Заказ №{ $order }: что пошло не так? Поддержка прочитает это вместе с перепиской по заказу.
mko-ask-message = 💬 Заказ №{ $order }: ваше сообщение. Другая сторона видит только вашу роль и номер заказа.
mko-ask-review = ⭐ Заказ №{ $order }: пара слов о продавце (или нажмите «Без текста»).

mko-relay = 💬 Заказ №{ $order } — { $from }:
    { $text }

mko-my-orders = 🧾 Ваши заказы маркета:
mko-my-orders-empty = У вас пока нет заказов маркета.
mko-disputes = ⚠️ Открытые споры, сначала старые:
mko-disputes-empty = Открытых споров нет.

mko-notice-paid-buyer = ✅ Заказ №{ $order } оплачен. Деньги удерживаются, пока вы не подтвердите получение.
mko-notice-paid-seller = 💰 Заказ №{ $order } оплачен. Передайте товар с экрана заказа; оплата придёт, когда покупатель подтвердит.
mko-notice-delivered-buyer = 📦 Продавец передал заказ №{ $order }. Проверьте и подтвердите или откройте спор, если что-то не так.
mko-notice-confirmed-seller = 💸 Покупатель подтвердил заказ №{ $order }: выручка зачислена.
mko-notice-auto-confirmed-buyer = ✅ Заказ №{ $order } завершился сам по истечении срока подтверждения.
mko-notice-auto-confirmed-seller = 💸 Заказ №{ $order } завершился сам: выручка зачислена.
mko-notice-disputed-seller = ⚠️ Покупатель открыл спор по заказу №{ $order }. Решение примет поддержка; вы можете писать в переписке заказа.
mko-notice-disputed-support = ⚠️ Открыт спор по заказу №{ $order }.
mko-notice-refunded-buyer = ↩️ Заказ №{ $order }: деньги возвращаются вам.
mko-notice-refunded-seller = ↩️ Деньги по заказу №{ $order } возвращены покупателю.
mko-notice-released-buyer = Спор по заказу №{ $order } закрыт: деньги ушли продавцу.
mko-notice-released-seller = 💸 Спор по заказу №{ $order } решён в вашу пользу: выручка зачислена.
mko-notice-seller-cancelled-buyer = ↩️ Продавец отменил заказ №{ $order }: деньги возвращаются вам.
mko-notice-expired-buyer = ⌛ Заказ №{ $order } не оплачен вовремя и отменён.

mko-error-not-enough = Осталось только { $available }: выберите меньшее количество.
mko-error-bad-quantity = Такое количество заказать нельзя.
mko-error-lot-not-found = Этот лот больше не продаётся.
mko-error-lot-unavailable = Этот лот сейчас недоступен.
mko-error-own-lot = Нельзя купить свой собственный лот.
mko-error-lot-changed = Продавец только что изменил лот: откройте его снова, чтобы увидеть новую цену.
mko-error-rate-unavailable = Курс для комиссии сейчас недоступен: попробуйте позже.
mko-error-order-not-found = Такого заказа нет.
mko-error-not-allowed = Это может сделать только другая сторона заказа.
mko-error-wrong-status = Заказ уже в другом состоянии: это больше нельзя сделать.
mko-error-bad-text = Текст не должен быть пустым и длиннее 2000 символов (1000 для отзыва).
mko-error-bad-rating = Выберите от 1 до 5 звёзд.
mko-error-already-reviewed = Вы уже оценили этот заказ.
