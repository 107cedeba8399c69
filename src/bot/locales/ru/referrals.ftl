# Реферальная программа: ссылка-приглашение, проценты, дерево рефералов, история наград, «У меня есть код».

referrals-intro =
    🤝 Приглашайте друзей и получайте токены с каждой их покупки.

    Ваша ссылка-приглашение:
    { $link }
referrals-percents-title = Ваша награда с каждой покупки (1-й уровень — приглашённые вами друзья, 2-й — их друзья и так далее):
referrals-percent-line = • Уровень { $level }: { $percent }%
referrals-percent-paused = • Уровень { $level }: приостановлено до начала следующего раунда продажи
referrals-stats-title = Ваши рефералы:
referrals-stats-line = Уровень { $level }: { $people ->
        [one] { $people } человек
        [few] { $people } человека
       *[many] { $people } человек
    }, { $buyers ->
        [one] { $buyers } покупатель
        [few] { $buyers } покупателя
       *[many] { $buyers } покупателей
    }, куплено { $purchased } { $symbol }, ваш доход { $rewards } { $symbol }
referrals-stats-empty = Уровень { $level }: пока никого
referrals-total = 💰 Всего заработано: { $total } { $symbol }

referrals-button-share = 📤 Поделиться ссылкой
referrals-share-text = Присоединяйся к Market: покупай токен платформы в раундах продажи!
referrals-button-qr = 🔳 QR-код
referrals-button-history = 📜 История наград
referrals-button-code = 🎟 У меня есть код

referrals-qr-caption =
    Ваша ссылка-приглашение в виде QR-кода: пусть друг отсканирует его камерой телефона.
    { $link }

referrals-history-title = 📜 Ваши награды, страница { $page } из { $pages }:
referrals-history-line = { $date } · +{ $amount } { $symbol } · уровень { $level } · покупатель: { $name } · { $status ->
        [SENT] отправлено на кошелёк
       *[CREDITED] зачислено на баланс
    }
referrals-history-empty = 📜 Наград пока нет. Вы получаете награду каждый раз, когда приглашённый вами человек покупает токены.

referrals-code-prompt = 🎟 Пришлите код приглашения, который дал вам друг: 8 латинских букв и цифр. Можно просто вставить его ссылку-приглашение.
referrals-code-text-only = Пришлите код текстовым сообщением или нажмите «Отмена».
referrals-code-malformed = Это не код приглашения: код состоит из 8 латинских букв и цифр, например Ab3dEf7h. Пришлите его ещё раз или нажмите «Отмена».
referrals-code-unknown = Такого кода ни у кого нет. Проверьте его и пришлите ещё раз или нажмите «Отмена».
referrals-code-self = Это ваш собственный код: пригласить самого себя нельзя. Пришлите код друга или нажмите «Отмена».
referrals-code-cycle = Этот человек пришёл по вашему приглашению (напрямую или через других), поэтому он не может быть вашим пригласившим. Пришлите другой код или нажмите «Отмена».
referrals-code-already-set = У вас уже есть пригласивший, и его нельзя изменить.
referrals-code-too-late = Код можно ввести только до первой покупки.
referrals-code-accepted = ✅ Готово! Ваш пригласивший — { $name }. С ваших покупок ему будет начисляться награда.
referrals-code-unavailable = Ввести код приглашения уже нельзя.
referrals-code-cancelled = Отменено.
