# The market: games, categories, lot lists with filters and search, lot cards, display currency.

market-locale = en

market-markets = 🎮 Market: choose a game.
market-markets-empty = 🎮 There are no games in the market yet. Come back soon!
market-buyer-help = ℹ️ For buyers: { $help }
market-choose-category = Choose what to buy:
market-choice-page = Page { $page } of { $pages }.
market-no-categories = Nothing is sold in this game yet.
market-category-button = { $name } ({ $count })

market-list-header = 🎮 { $market } › { $category }
market-list-summary = Prices in { $currency } · { $sort }
market-list-filters = 🔍 Filters: { $filters }
market-list-unconvertible = ⚠️ No fresh exchange rate for { $currencies }: those lots are left out of the price range and put last in price order.
market-list-page = Page { $page } of { $pages } · lots: { $total }
market-list-empty = No lots here yet.
market-list-empty-filtered = No lots match. Change the filters or the search.
market-list-item =
    { $n }. { $title }
    { $price } · { $standing }
market-filter-search = “{ $text }”
market-range-between = { $min }–{ $max } { $currency }
market-range-from = from { $min } { $currency }
market-range-to = up to { $max } { $currency }

market-price-per = { $price } per { $unit }
market-price-converted = { $price } ≈ { $converted }
market-price-no-rate = { $price } (no { $currency } rate)
market-no-reviews = no reviews yet
market-rating = ★ { $rating } ({ $reviews ->
    [one] 1 review
   *[other] { $reviews } reviews
})
market-standing = { $rating } · sales: { $sales }

market-any = any
market-platform-pc = PC
market-platform-ios = iOS
market-platform-android = Android
market-language-en = English
market-language-ru = Russian
market-sort-price = cheapest first
market-sort-price-desc = dearest first
market-sort-newest = newest first
market-sort-rating = best sellers first

market-button-sort = ⇅ { $sort }
market-button-platform = 🖥 Platform: { $value }
market-button-league = 🏰 League: { $value }
market-button-language = 🌐 Language: { $value }
market-button-price = 💲 Price range
market-button-search = 🔎 Search
market-button-reset = ✖️ Reset filters
market-button-clear-price = 🗑 Remove the range
market-button-clear-search = 🗑 Remove the search

market-choose-sort = Sort the lots:
market-choose-platform = Show lots for the platform:
market-choose-language = Show lots in the language:
market-choose-league = Show lots of the league:

market-ask-price =
    💲 Send the price range for one unit in { $currency }:
    10-50 (from 10 to 50), 10- (from 10) or -50 (up to 50).
    Now: { $current }
market-ask-search = 🔎 Send the words to look for in the lots' descriptions.
market-ask-search-current =
    🔎 Send the words to look for in the lots' descriptions.
    Now: “{ $current }”
market-input-cancelled = Nothing changed.
market-input-expect-text = Please send it as a text message.
market-price-error-format = ❌ That is not a price range. Use the form 10-50, 10- or -50.
market-price-error-decimals = ❌ A price may have at most 4 decimals.
market-price-error-too-large = ❌ That number is too large.
market-price-error-order = ❌ The first price must not be above the second.
market-search-error-too-short = ❌ Send at least { $min } characters.
market-search-error-too-long = ❌ Send at most { $max } characters.

market-lot-unavailable = This lot is not on sale any more.
market-lot-platform = Platform: { $value }
market-lot-league = League: { $value }
market-lot-level = Level: { $value }
market-lot-language = Language: { $value }
market-lot-available = Available: { $value }
market-lot-price = 💰 Price: { $price }
market-lot-conversion-unavailable = ⚠️ Conversion to { $currency } is unavailable right now (no fresh exchange rate): the price is in { $original }.
market-lot-with-fee = With the platform's fee: { $price }
market-lot-with-fee-units = With the platform's fee, for { $unit }: { $price }
market-lot-fee-unavailable = ⚠️ The price with the platform's fee is unavailable right now (no fresh exchange rate).
market-lot-seller = 👤 Seller: { $name } · { $standing }
market-lot-link = 🔗 Link to this lot: { $link }
market-button-buy = 🛒 Buy
market-button-share = 📤 Share

market-button-display-currency = 💱 Display currency
market-currency-screen =
    💱 Market prices are shown in { $currency } beside the lot's own currency.
    Choose the currency:
market-currency-saved = ✅ Prices will be shown in { $currency }.
