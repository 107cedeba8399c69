# Маркет: игры, категории, списки лотов с фильтрами и поиском, карточки лотов, валюта показа.

market-locale = ru

market-markets = 🎮 Маркет: выберите игру.
market-markets-empty = 🎮 В маркете пока нет игр. Загляните позже!
market-buyer-help = ℹ️ Покупателям: { $help }
market-choose-category = Выберите, что купить:
market-choice-page = Страница { $page } из { $pages }.
market-no-categories = В этой игре пока ничего не продаётся.
market-category-button = { $name } ({ $count })

market-list-header = 🎮 { $market } › { $category }
market-list-summary = Цены в { $currency } · { $sort }
market-list-filters = 🔍 Фильтры: { $filters }
market-list-unconvertible = ⚠️ Нет свежего курса для { $currencies }: эти лоты не попадают в диапазон цен и стоят последними при сортировке по цене.
market-list-page = Страница { $page } из { $pages } · лотов: { $total }
market-list-empty = Здесь пока нет лотов.
market-list-empty-filtered = Ничего не найдено. Измените фильтры или поиск.
market-list-item =
    { $n }. { $title }
    { $price } · { $standing }
market-filter-search = «{ $text }»
market-range-between = { $min }–{ $max } { $currency }
market-range-from = от { $min } { $currency }
market-range-to = до { $max } { $currency }

market-price-per = { $price } за { $unit }
market-price-converted = { $price } ≈ { $converted }
market-price-no-rate = { $price } (нет курса { $currency })
market-no-reviews = отзывов пока нет
market-rating = ★ { $rating } (отзывов: { $reviews })
market-standing = { $rating } · продаж: { $sales }

market-any = любой
market-platform-pc = ПК
market-platform-ios = iOS
market-platform-android = Android
market-language-en = английский
market-language-ru = русский
market-sort-price = сначала дешёвые
market-sort-price-desc = сначала дорогие
market-sort-newest = сначала новые
market-sort-rating = сначала лучшие продавцы

market-button-sort = ⇅ { $sort }
market-button-platform = 🖥 Платформа: { $value }
market-button-league = 🏰 Лига: { $value }
market-button-language = 🌐 Язык: { $value }
market-button-price = 💲 Диапазон цен
market-button-search = 🔎 Поиск
market-button-reset = ✖️ Сбросить фильтры
market-button-clear-price = 🗑 Убрать диапазон
market-button-clear-search = 🗑 Убрать поиск

market-choose-sort = Порядок лотов:
market-choose-platform = Показывать лоты для платформы:
market-choose-language = Показывать лоты на языке:
market-choose-league = Показывать лоты лиги:

market-ask-price =
    💲 Пришлите диапазон цены за единицу в { $currency }:
    10-50 (от 10 до 50), 10- (от 10) или -50 (до 50).
    Сейчас: { $current }
market-ask-search = 🔎 Пришлите слова для поиска в описаниях лотов.
market-ask-search-current =
    🔎 Пришлите слова для поиска в описаниях лотов.
    Сейчас: «{ $current }»
market-input-cancelled = Ничего не изменилось.
market-input-expect-text = Пришлите это текстовым сообщением.
market-price-error-format = ❌ Это не диапазон цен. Пишите так: 10-50, 10- или -50.
market-price-error-decimals = ❌ В цене не больше 4 знаков после запятой.
market-price-error-too-large = ❌ Слишком большое число.
market-price-error-order = ❌ Первая цена не может быть больше второй.
market-search-error-too-short = ❌ Пришлите хотя бы { $min } символа.
market-search-error-too-long = ❌ Пришлите не больше { $max } символов.

market-lot-unavailable = Этот лот больше не продаётся.
market-lot-platform = Платформа: { $value }
market-lot-league = Лига: { $value }
market-lot-level = Уровень: { $value }
market-lot-language = Язык: { $value }
market-lot-available = В наличии: { $value }
market-lot-price = 💰 Цена: { $price }
market-lot-conversion-unavailable = ⚠️ Пересчёт в { $currency } сейчас недоступен (нет свежего курса): цена указана в { $original }.
market-lot-with-fee = С комиссией площадки: { $price }
market-lot-with-fee-units = С комиссией площадки, за { $unit }: { $price }
market-lot-fee-unavailable = ⚠️ Цена с комиссией площадки сейчас недоступна (нет свежего курса).
market-lot-seller = 👤 Продавец: { $name } · { $standing }
market-lot-link = 🔗 Ссылка на лот: { $link }
market-button-buy = 🛒 Купить
market-button-share = 📤 Поделиться

market-button-display-currency = 💱 Валюта цен
market-currency-screen =
    💱 Цены в маркете показываются в { $currency } рядом с валютой лота.
    Выберите валюту:
market-currency-saved = ✅ Цены будут показываться в { $currency }.
