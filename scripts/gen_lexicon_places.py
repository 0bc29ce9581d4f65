#!/usr/bin/env python3
"""Regenerate lib/data/lexicon/countries.tsv, subdivisions.tsv and cities.tsv.

Usage: python3 scripts/gen_lexicon_places.py /work/shared/data/world-cities.csv lib/data/lexicon/

Sources:
  * ISO 3166-1 / 3166-2 from the Debian iso-codes package
    (/usr/share/iso-codes/json/iso_3166-{1,2}.json, LGPL-2.1+).
  * world-cities.csv (GeoNames, CC BY 4.0).
  * Hand-written English names, aliases and Wikidata ids below.
  * /usr/share/dict/words (Debian wamerican) for the English-word test.
  * lib/data/lexicon/people.tsv (if present) for the person-name test.
Output is deterministic (sorted).  All format rules: lib/data/lexicon/README.md.
"""
import csv
import json
import os
import re
import sys
import unicodedata

ISO1 = "/usr/share/iso-codes/json/iso_3166-1.json"
ISO2 = "/usr/share/iso-codes/json/iso_3166-2.json"
WORDS = "/usr/share/dict/words"

# --------------------------------------------------------------------------
# Countries: alpha-2 -> (canonical, [aliases], wikidata id or None)
# canonical None = keep the ISO common/short name.
# --------------------------------------------------------------------------
C = {
 "US": ("United States", ["United States of America", "the United States of America", "U.S.", "US", "U.S.A.", "USA", "America"], "Q30"),
 "GB": ("United Kingdom", ["United Kingdom of Great Britain and Northern Ireland", "Britain", "Great Britain", "UK", "U.K."], "Q145"),
 "RU": ("Russia", ["Russian Federation"], "Q159"),
 "KP": ("North Korea", ["Democratic People's Republic of Korea", "DPRK", "D.P.R.K.", "N. Korea", "N Korea"], "Q423"),
 "KR": ("South Korea", ["Republic of Korea", "ROK", "R.O.K.", "S. Korea", "S Korea"], "Q884"),
 "CN": ("China", ["People's Republic of China", "PRC", "P.R.C.", "Mainland China", "mainland China"], "Q148"),
 "TW": ("Taiwan", ["Republic of China", "ROC", "Chinese Taipei"], "Q865"),
 "JP": ("Japan", ["Nippon"], "Q17"),
 "UA": ("Ukraine", ["the Ukraine"], "Q212"),
 "IN": ("India", ["Republic of India", "Bharat"], "Q668"),
 "FR": ("France", ["French Republic"], "Q142"),
 "DE": ("Germany", ["Federal Republic of Germany"], "Q183"),
 "IT": ("Italy", ["Italian Republic"], "Q38"),
 "ES": ("Spain", ["Kingdom of Spain"], "Q29"),
 "CA": ("Canada", [], "Q16"),
 "AU": ("Australia", ["Commonwealth of Australia"], "Q408"),
 "BR": ("Brazil", ["Federative Republic of Brazil"], "Q155"),
 "MX": ("Mexico", ["United Mexican States"], "Q96"),
 "AR": ("Argentina", ["Argentine Republic"], "Q414"),
 "TR": ("Turkey", ["Türkiye", "Turkiye", "Republic of Turkey", "Republic of Türkiye"], "Q43"),
 "IR": ("Iran", ["Islamic Republic of Iran", "Persia"], "Q794"),
 "IQ": ("Iraq", ["Republic of Iraq"], "Q796"),
 "SY": ("Syria", ["Syrian Arab Republic"], "Q858"),
 "IL": ("Israel", ["State of Israel"], "Q801"),
 "EG": ("Egypt", ["Arab Republic of Egypt"], "Q79"),
 "SA": ("Saudi Arabia", ["Kingdom of Saudi Arabia"], "Q851"),
 "PK": ("Pakistan", ["Islamic Republic of Pakistan"], "Q843"),
 "AF": ("Afghanistan", ["Islamic Republic of Afghanistan", "Islamic Emirate of Afghanistan"], "Q889"),
 "ID": ("Indonesia", ["Republic of Indonesia"], "Q252"),
 "VN": ("Vietnam", ["Viet Nam", "Socialist Republic of Vietnam", "Socialist Republic of Viet Nam"], "Q881"),
 "TH": ("Thailand", ["Kingdom of Thailand", "Siam"], "Q869"),
 "PH": ("Philippines", ["Republic of the Philippines"], "Q928"),
 "MY": ("Malaysia", [], "Q833"),
 "SG": ("Singapore", ["Republic of Singapore"], "Q334"),
 "MN": ("Mongolia", [], "Q711"),
 "LA": ("Laos", ["Lao People's Democratic Republic", "Lao PDR"], "Q819"),
 "KH": ("Cambodia", ["Kingdom of Cambodia"], "Q424"),
 "MM": ("Myanmar", ["Burma", "Republic of the Union of Myanmar"], "Q836"),
 "BD": ("Bangladesh", [], "Q902"),
 "LK": ("Sri Lanka", ["Ceylon"], "Q854"),
 "NP": ("Nepal", [], "Q837"),
 "BT": ("Bhutan", [], "Q917"),
 "MV": ("Maldives", [], "Q826"),
 "BN": ("Brunei", ["Brunei Darussalam"], "Q921"),
 "TL": ("East Timor", ["Timor-Leste", "Timor Leste"], "Q574"),
 "PG": ("Papua New Guinea", [], "Q691"),
 "FJ": ("Fiji", [], "Q712"),
 "NZ": ("New Zealand", ["Aotearoa"], "Q664"),
 "PL": ("Poland", ["Republic of Poland"], "Q36"),
 "SE": ("Sweden", [], "Q34"),
 "NO": ("Norway", [], "Q20"),
 "FI": ("Finland", [], "Q33"),
 "DK": ("Denmark", [], "Q35"),
 "IS": ("Iceland", [], "Q189"),
 "NL": ("Netherlands", ["Holland", "Kingdom of the Netherlands"], "Q55"),
 "BE": ("Belgium", [], "Q31"),
 "LU": ("Luxembourg", [], "Q32"),
 "CH": ("Switzerland", ["Swiss Confederation"], "Q39"),
 "AT": ("Austria", [], "Q40"),
 "GR": ("Greece", ["Hellenic Republic"], "Q41"),
 "PT": ("Portugal", [], "Q45"),
 "IE": ("Ireland", ["Republic of Ireland", "Eire"], "Q27"),
 "CZ": ("Czech Republic", ["Czechia"], "Q213"),
 "SK": ("Slovakia", ["Slovak Republic"], "Q214"),
 "SI": ("Slovenia", [], "Q215"),
 "HU": ("Hungary", [], "Q28"),
 "RO": ("Romania", [], "Q218"),
 "BG": ("Bulgaria", [], "Q219"),
 "RS": ("Serbia", [], "Q403"),
 "HR": ("Croatia", [], "Q224"),
 "BA": ("Bosnia and Herzegovina", ["Bosnia-Herzegovina", "Bosnia & Herzegovina", "Bosnia"], "Q225"),
 "MK": ("North Macedonia", ["Macedonia", "Republic of Macedonia"], "Q221"),
 "AL": ("Albania", [], "Q222"),
 "ME": ("Montenegro", [], "Q236"),
 "CY": ("Cyprus", [], "Q229"),
 "MT": ("Malta", [], "Q233"),
 "EE": ("Estonia", [], "Q191"),
 "LV": ("Latvia", [], "Q211"),
 "LT": ("Lithuania", [], "Q37"),
 "BY": ("Belarus", ["Byelorussia", "Belorussia"], "Q184"),
 "MD": ("Moldova", ["Republic of Moldova"], "Q217"),
 "GE": ("Georgia", [], "Q230"),
 "AM": ("Armenia", [], "Q399"),
 "AZ": ("Azerbaijan", [], "Q227"),
 "KZ": ("Kazakhstan", [], "Q232"),
 "UZ": ("Uzbekistan", [], "Q265"),
 "TM": ("Turkmenistan", [], "Q874"),
 "KG": ("Kyrgyzstan", ["Kyrgyz Republic", "Kirghizia"], "Q813"),
 "TJ": ("Tajikistan", [], "Q863"),
 "LB": ("Lebanon", [], "Q822"),
 "JO": ("Jordan", ["Hashemite Kingdom of Jordan"], "Q810"),
 "QA": ("Qatar", [], "Q846"),
 "AE": ("United Arab Emirates", ["UAE", "U.A.E.", "Emirates"], "Q878"),
 "KW": ("Kuwait", [], "Q817"),
 "YE": ("Yemen", [], "Q805"),
 "OM": ("Oman", [], "Q842"),
 "BH": ("Bahrain", [], "Q398"),
 "PS": ("Palestine", ["State of Palestine", "Palestinian territories", "Palestinian Territories"], "Q219060"),
 "LY": ("Libya", [], "Q1016"),
 "DZ": ("Algeria", [], "Q262"),
 "MA": ("Morocco", [], "Q1028"),
 "TN": ("Tunisia", [], "Q948"),
 "SD": ("Sudan", ["the Sudan"], "Q1049"),
 "SS": ("South Sudan", [], "Q958"),
 "SO": ("Somalia", [], "Q1045"),
 "ET": ("Ethiopia", [], "Q115"),
 "ER": ("Eritrea", [], "Q986"),
 "DJ": ("Djibouti", [], "Q977"),
 "KE": ("Kenya", [], "Q114"),
 "UG": ("Uganda", [], "Q1036"),
 "RW": ("Rwanda", [], "Q1037"),
 "BI": ("Burundi", [], "Q967"),
 "TZ": ("Tanzania", ["United Republic of Tanzania"], "Q924"),
 "ZA": ("South Africa", ["Republic of South Africa"], "Q258"),
 "NG": ("Nigeria", [], "Q1033"),
 "GH": ("Ghana", [], "Q117"),
 "CI": ("Ivory Coast", ["Côte d'Ivoire", "Cote d'Ivoire", "Republic of Côte d'Ivoire"], "Q1008"),
 "SN": ("Senegal", [], "Q1041"),
 "ML": ("Mali", [], "Q912"),
 "NE": ("Niger", [], "Q1032"),
 "TD": ("Chad", [], "Q657"),
 "CM": ("Cameroon", [], "Q1009"),
 "CD": ("Democratic Republic of the Congo", ["DR Congo", "DRC", "D.R.C.", "Congo-Kinshasa", "Zaire"], "Q974"),
 "CG": ("Republic of the Congo", ["Congo-Brazzaville", "Congo"], "Q971"),
 "CF": ("Central African Republic", [], "Q929"),
 "AO": ("Angola", [], "Q916"),
 "ZM": ("Zambia", [], "Q953"),
 "ZW": ("Zimbabwe", [], "Q954"),
 "MZ": ("Mozambique", [], "Q1029"),
 "MW": ("Malawi", [], "Q1020"),
 "MG": ("Madagascar", [], "Q1019"),
 "BW": ("Botswana", [], "Q963"),
 "NA": ("Namibia", [], "Q1030"),
 "LS": ("Lesotho", [], "Q1013"),
 "SZ": ("Eswatini", ["Swaziland"], "Q1050"),
 "BF": ("Burkina Faso", [], "Q965"),
 "BJ": ("Benin", [], "Q962"),
 "TG": ("Togo", [], "Q945"),
 "GN": ("Guinea", [], "Q1006"),
 "GW": ("Guinea-Bissau", [], "Q1007"),
 "GQ": ("Equatorial Guinea", [], "Q983"),
 "SL": ("Sierra Leone", [], "Q1044"),
 "LR": ("Liberia", [], "Q1014"),
 "GA": ("Gabon", [], "Q1000"),
 "GM": ("Gambia", ["The Gambia"], "Q1005"),
 "MR": ("Mauritania", [], "Q1025"),
 "CV": ("Cape Verde", ["Cabo Verde"], "Q1011"),
 "KM": ("Comoros", [], "Q970"),
 "MU": ("Mauritius", [], "Q1027"),
 "SC": ("Seychelles", [], "Q1042"),
 "ST": ("Sao Tome and Principe", ["São Tomé and Príncipe"], "Q1039"),
 "EH": ("Western Sahara", [], "Q6250"),
 "CU": ("Cuba", [], "Q241"),
 "VE": ("Venezuela", ["Bolivarian Republic of Venezuela"], "Q717"),
 "CO": ("Colombia", [], "Q739"),
 "CL": ("Chile", [], "Q298"),
 "PE": ("Peru", [], "Q419"),
 "EC": ("Ecuador", [], "Q736"),
 "BO": ("Bolivia", ["Plurinational State of Bolivia"], "Q750"),
 "PY": ("Paraguay", [], "Q733"),
 "UY": ("Uruguay", [], "Q77"),
 "PA": ("Panama", [], "Q804"),
 "CR": ("Costa Rica", [], "Q800"),
 "NI": ("Nicaragua", [], "Q811"),
 "HN": ("Honduras", [], "Q783"),
 "GT": ("Guatemala", [], "Q774"),
 "SV": ("El Salvador", [], "Q792"),
 "HT": ("Haiti", [], "Q790"),
 "DO": ("Dominican Republic", [], "Q786"),
 "JM": ("Jamaica", [], "Q766"),
 "TT": ("Trinidad and Tobago", [], "Q754"),
 "BS": ("Bahamas", ["The Bahamas"], "Q778"),
 "BB": ("Barbados", [], "Q244"),
 "BZ": ("Belize", [], "Q242"),
 "GY": ("Guyana", [], "Q734"),
 "SR": ("Suriname", [], "Q730"),
 "WS": ("Samoa", [], "Q683"),
 "TO": ("Tonga", [], "Q678"),
 "VU": ("Vanuatu", [], "Q686"),
 "SB": ("Solomon Islands", [], "Q685"),
 "KI": ("Kiribati", [], "Q710"),
 "TV": ("Tuvalu", [], "Q672"),
 "NR": ("Nauru", [], "Q697"),
 "PW": ("Palau", [], "Q695"),
 "MH": ("Marshall Islands", [], "Q709"),
 "FM": ("Micronesia", ["Federated States of Micronesia"], "Q702"),
 "VA": ("Vatican City", ["Holy See", "Vatican City State", "Vatican"], "Q237"),
 "MC": ("Monaco", [], "Q235"),
 "LI": ("Liechtenstein", [], "Q347"),
 "SM": ("San Marino", [], "Q238"),
 "AD": ("Andorra", [], "Q228"),
 "GL": ("Greenland", [], "Q223"),
 "PR": ("Puerto Rico", [], "Q1183"),
 "HK": ("Hong Kong", ["Hong Kong SAR"], "Q8646"),
 "MO": ("Macau", ["Macao", "Macao SAR", "Macau SAR"], "Q14773"),
 "VG": ("British Virgin Islands", [], None),
 "VI": ("U.S. Virgin Islands", ["US Virgin Islands", "United States Virgin Islands"], None),
 "FK": ("Falkland Islands", ["Falklands", "Malvinas"], None),
 "AG": ("Antigua and Barbuda", [], "Q781"),
 "KN": ("Saint Kitts and Nevis", ["St. Kitts and Nevis", "St Kitts and Nevis"], "Q763"),
 "LC": ("Saint Lucia", ["St. Lucia", "St Lucia"], "Q760"),
 "VC": ("Saint Vincent and the Grenadines", ["St. Vincent and the Grenadines"], "Q757"),
 "DM": ("Dominica", [], "Q784"),
 "GD": ("Grenada", [], "Q769"),
}
# Country names that are also ordinary words in news text.
AMBIGUOUS_COUNTRIES = {"JE"}  # Jersey
# Historical / extra GPEs not in ISO 3166-1 today: (id, canonical, aliases, attrs)
EXTRA_COUNTRIES = [
 ("Q15180", "Soviet Union", ["USSR", "U.S.S.R.", "Union of Soviet Socialist Republics", "Soviet Russia"], "country=iso:SU;historical=1;dissolved=1991"),
 ("kimput:yugoslavia", "Yugoslavia", ["Socialist Federal Republic of Yugoslavia", "SFRY", "Federal Republic of Yugoslavia"], "country=iso:YU;historical=1;dissolved=2003"),
 ("Q33946", "Czechoslovakia", ["Czechoslovak Socialist Republic"], "country=iso:CS;historical=1;dissolved=1992"),
 ("Q16957", "East Germany", ["German Democratic Republic", "GDR", "DDR"], "country=iso:DD;historical=1;dissolved=1990"),
 ("Q713750", "West Germany", ["FRG"], "country=iso:DE;historical=1;dissolved=1990"),
 ("Q1246", "Kosovo", ["Republic of Kosovo"], "country=iso:XK"),
 ("kimput:korea", "Korea", [], "country=iso:KR"),
 ("kimput:manchukuo", "Manchukuo", [], "historical=1;dissolved=1945"),
 ("kimput:ottoman-empire", "Ottoman Empire", [], "historical=1;dissolved=1922"),
 ("kimput:russian-empire", "Russian Empire", ["Imperial Russia", "Tsarist Russia"], "historical=1;dissolved=1917"),
 ("kimput:empire-of-japan", "Empire of Japan", ["Imperial Japan"], "historical=1;dissolved=1947"),
 ("kimput:nazi-germany", "Nazi Germany", ["Third Reich"], "historical=1;dissolved=1945"),
 ("kimput:south-vietnam", "South Vietnam", ["Republic of Vietnam"], "historical=1;dissolved=1975"),
 ("kimput:north-vietnam", "North Vietnam", [], "historical=1;dissolved=1976"),
 ("kimput:rhodesia", "Rhodesia", [], "historical=1;dissolved=1979"),
 ("kimput:england", "England", [], "country=iso:GB"),
 ("kimput:scotland", "Scotland", [], "country=iso:GB"),
 ("kimput:wales", "Wales", [], "country=iso:GB"),
 ("kimput:northern-ireland", "Northern Ireland", ["Ulster"], "country=iso:GB"),
]
# Subdivisions replaced by EXTRA_COUNTRIES (GB constituent countries)
SKIP_SUBDIV = {"GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR", "GB-LND", "CN-TW", "CN-HK", "CN-MO",
               "US-AS", "US-GU", "US-MP", "US-PR", "US-UM", "US-VI", "UA-30", "KP-01", "KR-11", "MX-CMX", "UA-40",
               "RU-MOW", "RU-SPE", "PK-IS"}

# National capitals: alpha-2 -> capital name as in world-cities.csv
CAPITALS = {
 "AF": "Kabul", "AL": "Tirana", "DZ": "Algiers", "AD": "Andorra la Vella", "AO": "Luanda", "AG": "Saint John's",
 "AR": "Buenos Aires", "AM": "Yerevan", "AU": "Canberra", "AT": "Vienna", "AZ": "Baku", "BS": "Nassau",
 "BH": "Manama", "BD": "Dhaka", "BB": "Bridgetown", "BY": "Minsk", "BE": "Brussels", "BZ": "Belmopan",
 "BJ": "Porto-Novo", "BT": "Thimphu", "BO": "Sucre", "BA": "Sarajevo", "BW": "Gaborone", "BR": "Brasília",
 "BN": "Bandar Seri Begawan", "BG": "Sofia", "BF": "Ouagadougou", "BI": "Gitega", "KH": "Phnom Penh",
 "CM": "Yaoundé", "CA": "Ottawa", "CV": "Praia", "CF": "Bangui", "TD": "N'Djamena", "CL": "Santiago",
 "CN": "Beijing", "CO": "Bogotá", "KM": "Moroni", "CG": "Brazzaville", "CD": "Kinshasa", "CR": "San José",
 "CI": "Yamoussoukro", "HR": "Zagreb", "CU": "Havana", "CY": "Nicosia", "CZ": "Prague", "DK": "Copenhagen",
 "DJ": "Djibouti", "DM": "Roseau", "DO": "Santo Domingo", "EC": "Quito", "EG": "Cairo", "SV": "San Salvador",
 "GQ": "Malabo", "ER": "Asmara", "EE": "Tallinn", "SZ": "Mbabane", "ET": "Addis Ababa", "FJ": "Suva",
 "FI": "Helsinki", "FR": "Paris", "GA": "Libreville", "GM": "Banjul", "GE": "Tbilisi", "DE": "Berlin",
 "GH": "Accra", "GR": "Athens", "GD": "Saint George's", "GT": "Guatemala City", "GN": "Conakry",
 "GW": "Bissau", "GY": "Georgetown", "HT": "Port-au-Prince", "HN": "Tegucigalpa", "HU": "Budapest",
 "IS": "Reykjavík", "IN": "New Delhi", "ID": "Jakarta", "IR": "Tehran", "IQ": "Baghdad", "IE": "Dublin",
 "IL": "Jerusalem", "IT": "Rome", "JM": "Kingston", "JP": "Tokyo", "JO": "Amman", "KZ": "Astana",
 "KE": "Nairobi", "KI": "Tarawa", "KP": "Pyongyang", "KR": "Seoul", "KW": "Kuwait City", "KG": "Bishkek",
 "LA": "Vientiane", "LV": "Riga", "LB": "Beirut", "LS": "Maseru", "LR": "Monrovia", "LY": "Tripoli",
 "LI": "Vaduz", "LT": "Vilnius", "LU": "Luxembourg", "MG": "Antananarivo", "MW": "Lilongwe",
 "MY": "Kuala Lumpur", "MV": "Male", "ML": "Bamako", "MT": "Valletta", "MH": "Majuro", "MR": "Nouakchott",
 "MU": "Port Louis", "MX": "Mexico City", "FM": "Palikir", "MD": "Chisinau", "MC": "Monaco", "MN": "Ulan Bator",
 "ME": "Podgorica", "MA": "Rabat", "MZ": "Maputo", "MM": "Nay Pyi Taw", "NA": "Windhoek", "NR": "Yaren",
 "NP": "Kathmandu", "NL": "Amsterdam", "NZ": "Wellington", "NI": "Managua", "NE": "Niamey", "NG": "Abuja",
 "MK": "Skopje", "NO": "Oslo", "OM": "Muscat", "PK": "Islamabad", "PW": "Ngerulmud", "PA": "Panama City",
 "PG": "Port Moresby", "PY": "Asunción", "PE": "Lima", "PH": "Manila", "PL": "Warsaw", "PT": "Lisbon",
 "QA": "Doha", "RO": "Bucharest", "RU": "Moscow", "RW": "Kigali", "KN": "Basseterre", "LC": "Castries",
 "VC": "Kingstown", "WS": "Apia", "SM": "San Marino", "ST": "São Tomé", "SA": "Riyadh", "SN": "Dakar",
 "RS": "Belgrade", "SC": "Victoria", "SL": "Freetown", "SG": "Singapore", "SK": "Bratislava", "SI": "Ljubljana",
 "SB": "Honiara", "SO": "Mogadishu", "ZA": "Pretoria", "SS": "Juba", "ES": "Madrid", "LK": "Colombo",
 "SD": "Khartoum", "SR": "Paramaribo", "SE": "Stockholm", "CH": "Bern", "SY": "Damascus", "TW": "Taipei",
 "TJ": "Dushanbe", "TZ": "Dodoma", "TH": "Bangkok", "TL": "Dili", "TG": "Lomé", "TO": "Nuku'alofa",
 "TT": "Port of Spain", "TN": "Tunis", "TR": "Ankara", "TM": "Ashgabat", "TV": "Funafuti", "UG": "Kampala",
 "UA": "Kyiv", "AE": "Abu Dhabi", "GB": "London", "US": "Washington", "UY": "Montevideo", "UZ": "Tashkent",
 "VU": "Port-Vila", "VA": "Vatican City", "VE": "Caracas", "VN": "Hanoi", "YE": "Sanaa", "ZM": "Lusaka",
 "ZW": "Harare", "PS": "Ramallah", "XK": "Pristina", "HK": "Hong Kong", "MO": "Macau",
}
# When a city name occurs in several countries and none is a capital: preferred country.
PREFER = {
 "Birmingham": "GB", "Manchester": "GB", "Cambridge": "GB", "Oxford": "GB", "Perth": "AU", "Sydney": "AU",
 "Hyderabad": "IN", "Valencia": "ES", "San Jose": "US", "Portland": "US", "Alexandria": "EG",
 "Richmond": "US", "Newcastle": "GB", "Hamilton": "CA", "London": "GB", "Paris": "FR", "Moscow": "RU",
 "Rome": "IT", "Athens": "GR", "Berlin": "DE", "Toledo": "ES", "Cordoba": "AR", "Córdoba": "AR",
 "Santiago": "CL", "Tripoli": "LY", "Vancouver": "CA", "Kingston": "JM", "Georgetown": "GY",
 "Victoria": "CA", "Gwangju": "KR", "Guadalajara": "MX", "Mérida": "MX", "Plymouth": "GB",
 "Dover": "GB", "Boston": "US", "Cleveland": "US", "Columbus": "US", "Memphis": "US", "Odessa": "UA",
 "Odesa": "UA", "Leon": "MX", "León": "MX", "Durham": "GB", "Bristol": "GB", "Windsor": "GB",
 "Aurora": "US", "Springfield": "US", "Salem": "US", "Lancaster": "GB", "Worcester": "GB",
 "Donetsk": "UA", "Rafah": "PS", "Bethlehem": "PS", "Kandahar": "AF", "Jalalabad": "AF",
 # Large US cities whose names (less their accents) are shared by smaller ones elsewhere.
 "Los Angeles": "US", "San Antonio": "US", "Fresno": "US", "Laredo": "US",
}
# Extra aliases for well-known cities (by exact csv name).  Country-qualified keys "Name|CC".
CITY_ALIASES = {
 "Washington|US": ["Washington, D.C.", "Washington D.C.", "Washington, DC", "Washington DC", "D.C."],
 "New York City|US": ["New York", "NYC", "N.Y.C."],
 "Los Angeles|US": ["L.A.", "LA"],
 # Local names of European cities that news in English also prints ("Genova", "München").
 "Genoa|IT": ["Genova"], "Milan|IT": ["Milano"], "Turin|IT": ["Torino"], "Florence|IT": ["Firenze"],
 "Naples|IT": ["Napoli"], "Venice|IT": ["Venezia"], "Lisbon|PT": ["Lisboa"], "Prague|CZ": ["Praha"],
 "Warsaw|PL": ["Warszawa"], "Vienna|AT": ["Wien"], "Brussels|BE": ["Bruxelles", "Brussel"],
 "Copenhagen|DK": ["København"], "Gothenburg|SE": ["Göteborg"], "Belgrade|RS": ["Beograd"],
 "Bucharest|RO": ["București", "Bucuresti"], "Athens|GR": ["Athína"],
 "Kyiv|UA": ["Kiev"], "Kharkiv|UA": ["Kharkov"], "Odesa|UA": ["Odessa"], "Lviv|UA": ["Lvov"],
 "Mykolaiv|UA": ["Nikolaev", "Nikolayev"], "Zaporizhzhia|UA": ["Zaporozhye"], "Dnipro|UA": ["Dnipropetrovsk", "Dnepr"],
 "Luhansk|UA": ["Lugansk"], "Kherson|UA": [],
 "Saint Petersburg|RU": ["St. Petersburg", "St Petersburg", "Petersburg", "Leningrad"],
 "Volgograd|RU": ["Stalingrad"], "Yekaterinburg|RU": ["Ekaterinburg"], "Nizhniy Novgorod|RU": ["Nizhny Novgorod"],
 "Beijing|CN": ["Peking"], "Guangzhou|CN": ["Canton"], "Mumbai|IN": ["Bombay"], "Kolkata|IN": ["Calcutta"],
 "Chennai|IN": ["Madras"], "Bengaluru|IN": ["Bangalore"], "Ho Chi Minh City|VN": ["Saigon", "HCMC"],
 "Yangon|MM": ["Rangoon"], "Busan|KR": ["Pusan"], "Incheon|KR": ["Inchon"], "Daegu|KR": ["Taegu"],
 "Daejeon|KR": ["Taejon"], "Gwangju|KR": ["Kwangju"], "Kaesŏng|KP": ["Kaesong"], "Hamhŭng|KP": ["Hamhung"],
 "Sinŭiju|KP": ["Sinuiju"], "Chongjin|KP": ["Chŏngjin"], "Pyongyang|KP": ["P'yongyang", "P'yŏngyang"],
 "Astana|KZ": ["Nur-Sultan", "Akmola"], "Almaty|KZ": ["Alma-Ata"], "Ulan Bator|MN": ["Ulaanbaatar"],
 "Sanaa|YE": ["Sana'a", "Sana"], "Chisinau|MD": ["Kishinev"], "Kuwait City|KW": [], "Vilnius|LT": [],
 "Tbilisi|GE": ["Tiflis"], "Mexico City|MX": ["Ciudad de México"], "Brasília|BR": ["Brasilia"],
 "Nay Pyi Taw|MM": ["Naypyidaw", "Naypyitaw"], "Dhaka|BD": ["Dacca"], "Munich|DE": ["München"],
 "Cologne|DE": ["Köln"], "Nuremberg|DE": ["Nürnberg"], "The Hague|NL": ["Den Haag"], "Hong Kong|HK": [],
 "Vladivostok|RU": [], "Sevastopol|UA": ["Sebastopol"], "Pristina|XK": ["Prishtina"],
 "Makkah|SA": ["Mecca"], "Madinah|SA": ["Medina"], "Al Fallūjah|IQ": ["Fallujah", "Falluja"],
 "Ḩamāh|SY": ["Hama"], "Ar Raqqah|SY": ["Raqqa", "Raqqah"], "Al Ḩudaydah|YE": ["Hodeidah", "Hudaydah"],
 "Namp'o|KP": ["Nampo"], "Basrah|IQ": ["Basra"], "Misratah|LY": ["Misrata"],
 "Zaporizhzhya|UA": ["Zaporizhzhia", "Zaporozhye"], "Deir ez-Zor|SY": ["Deir al-Zour", "Deir el-Zor"],
 "Erbil|IQ": ["Arbil", "Irbil"], "Khān Yūnis|PS": ["Khan Younis"], "Rafaḩ|PS": ["Rafah"],
 "Mazār-e Sharīf|AF": ["Mazar-i-Sharif"], "Aden|YE": [], "Taiz|YE": ["Taizz"],
}
# The canonical (English) name where GeoNames gives a scholarly transliteration that English
# news and Wikipedia do not use: Arabic, Persian and Pashto names lose their macrons and dots
# ("Herāt" -> "Herat", "Rafaḩ" -> "Rafah"), Korean ones their breves ("Kaesŏng" -> "Kaesong");
# the GeoNames spelling stays an alias (French-style marks stay: "Aïn Abid"). ENGLISH_NAMES overrides where the English name is
# another word altogether ("Makkah" -> "Mecca").
FOLD_CANONICAL_COUNTRIES = {"AF", "IR", "IQ", "SY", "SA", "YE", "OM", "AE", "QA", "BH", "KW", "JO", "LB", "PS",
                            "EG", "LY", "TN", "DZ", "MA", "SD", "PK", "MR", "KP", "KR"}
ENGLISH_NAMES = {
 "Makkah|SA": "Mecca", "Madinah|SA": "Medina", "Al Fallūjah|IQ": "Fallujah", "Ḩamāh|SY": "Hama",
 "Ar Raqqah|SY": "Raqqa", "Al Ḩudaydah|YE": "Hodeidah", "Basrah|IQ": "Basra", "Misratah|LY": "Misrata",
 "Mazār-e Sharīf|AF": "Mazar-i-Sharif", "Ulan Bator|MN": "Ulaanbaatar", "Nay Pyi Taw|MM": "Naypyidaw",
 "Namp'o|KP": "Nampo",
}
DROP_COUNTRY_NAME_ALIAS = set()

# ISO 3166-2 subdivision types we keep (first-level, GPE-like).
SUB_TYPES = {
 "State", "Province", "Region", "Oblast", "Republic", "Prefecture", "Territory", "Land", "Governorate",
 "Autonomous region", "Autonomous community", "Autonomous district", "Autonomous city", "Autonomous republic",
 "Autonomous province", "Administrative region", "Administrative territory", "Union territory",
 "Special administrative region", "Federal district", "Capital territory", "Federal capital territory",
 "Capital district", "Special city", "Special self-governing province", "Special self-governing city",
 "Voivodship", "Regional state", "Emirate", "Canton", "Federal territory", "Special municipality",
 "Pakistan administered area", "Special region", "Autonomous city in north africa",
}
# Per-country restriction (e.g. KR metropolitan cities are first level; IT ones are not).
SUB_TYPES_EXTRA = {"KR": {"Metropolitan city"}, "KP": {"Metropolitan city"}, "CN": {"Municipality"},
                   "TW": {"Special municipality", "County", "City"}}
# Types that lose when a same-country subdivision of another type has the same name.
LOWER_TYPES = {"Province", "Free municipal consortium", "Metropolitan city"}
TYPE_WORD = {
 "State": "State", "Province": "Province", "Region": "Region", "Prefecture": "Prefecture",
 "Governorate": "Governorate", "Administrative region": "Region", "Oblast": "Oblast", "Territory": "Territory",
 "Canton": "Canton", "Emirate": "Emirate", "Voivodship": "Voivodeship", "Land": "State",
 "County": "County", "City": "City", "Special municipality": "City", "Metropolitan city": "City",
}

# English names for subdivisions whose ISO name is a local transliteration.
# code -> (canonical, [aliases])
SUB_EN = {
 # South Korea
 "KR-26": ("Busan Metropolitan City", []), "KR-27": ("Daegu Metropolitan City", []),
 "KR-28": ("Incheon Metropolitan City", []), "KR-29": ("Gwangju Metropolitan City", []),
 "KR-30": ("Daejeon Metropolitan City", []), "KR-31": ("Ulsan Metropolitan City", []),
 "KR-41": ("Gyeonggi Province", ["Gyeonggi", "Gyeonggi-do", "Kyonggi"]),
 "KR-42": ("Gangwon Province", ["Gangwon", "Gangwon-do", "Kangwon Province (South Korea)"]),
 "KR-43": ("North Chungcheong Province", ["Chungcheongbuk-do", "North Chungcheong"]),
 "KR-44": ("South Chungcheong Province", ["Chungcheongnam-do", "South Chungcheong"]),
 "KR-45": ("North Jeolla Province", ["Jeollabuk-do", "North Jeolla"]),
 "KR-46": ("South Jeolla Province", ["Jeollanam-do", "South Jeolla"]),
 "KR-47": ("North Gyeongsang Province", ["Gyeongsangbuk-do", "North Gyeongsang"]),
 "KR-48": ("South Gyeongsang Province", ["Gyeongsangnam-do", "South Gyeongsang"]),
 "KR-49": ("Jeju", ["Jeju Island", "Jeju Province", "Jeju-do", "Cheju"]),
 "KR-50": ("Sejong City", []),
 # North Korea
 "KP-02": ("South Pyongan Province", ["South Pyongan", "Pyongan-namdo", "P'yŏngan-namdo"]),
 "KP-03": ("North Pyongan Province", ["North Pyongan", "Pyongan-bukto", "P'yŏngan-bukto"]),
 "KP-04": ("Chagang Province", ["Chagang", "Chagang-do"]),
 "KP-05": ("South Hwanghae Province", ["South Hwanghae", "Hwanghae-namdo"]),
 "KP-06": ("North Hwanghae Province", ["North Hwanghae", "Hwanghae-bukto"]),
 "KP-07": ("Kangwon Province", ["Kangwon", "Kangwon-do"]),
 "KP-08": ("South Hamgyong Province", ["South Hamgyong", "Hamgyong-namdo", "Hamgyŏng-namdo"]),
 "KP-09": ("North Hamgyong Province", ["North Hamgyong", "Hamgyong-bukto", "Hamgyŏng-bukto"]),
 "KP-10": ("Ryanggang Province", ["Ryanggang", "Ryanggang-do", "Yanggang Province"]),
 "KP-13": ("Rason", ["Rason Special Economic Zone", "Rajin-Sonbong", "Raseon"]),
 "KP-14": ("Nampo", ["Namp'o", "Nampho"]),
 # China
 "CN-AH": ("Anhui", ["Anhui Province"]), "CN-BJ": ("Beijing Municipality", []),
 "CN-CQ": ("Chongqing", ["Chongqing Municipality"]), "CN-FJ": ("Fujian", ["Fujian Province", "Fukien"]),
 "CN-GD": ("Guangdong", ["Guangdong Province", "Kwangtung"]), "CN-GS": ("Gansu", ["Gansu Province"]),
 "CN-GX": ("Guangxi", ["Guangxi Zhuang Autonomous Region"]), "CN-GZ": ("Guizhou", ["Guizhou Province"]),
 "CN-HA": ("Henan", ["Henan Province"]), "CN-HB": ("Hubei", ["Hubei Province"]),
 "CN-HE": ("Hebei", ["Hebei Province"]), "CN-HI": ("Hainan", ["Hainan Province", "Hainan Island"]),
 "CN-HL": ("Heilongjiang", ["Heilongjiang Province"]), "CN-HN": ("Hunan", ["Hunan Province"]),
 "CN-JL": ("Jilin", ["Jilin Province"]), "CN-JS": ("Jiangsu", ["Jiangsu Province"]),
 "CN-JX": ("Jiangxi", ["Jiangxi Province"]), "CN-LN": ("Liaoning", ["Liaoning Province"]),
 "CN-NM": ("Inner Mongolia", ["Inner Mongolia Autonomous Region", "Nei Mongol"]),
 "CN-NX": ("Ningxia", ["Ningxia Hui Autonomous Region"]), "CN-QH": ("Qinghai", ["Qinghai Province"]),
 "CN-SC": ("Sichuan", ["Sichuan Province", "Szechuan"]), "CN-SD": ("Shandong", ["Shandong Province"]),
 "CN-SH": ("Shanghai Municipality", []), "CN-SN": ("Shaanxi", ["Shaanxi Province"]),
 "CN-SX": ("Shanxi", ["Shanxi Province"]), "CN-TJ": ("Tianjin Municipality", []),
 "CN-XJ": ("Xinjiang", ["Xinjiang Uyghur Autonomous Region", "Xinjiang Uygur Autonomous Region"]),
 "CN-XZ": ("Tibet", ["Tibet Autonomous Region", "Xizang"]), "CN-YN": ("Yunnan", ["Yunnan Province"]),
 "CN-ZJ": ("Zhejiang", ["Zhejiang Province"]),
 # Germany
 "DE-BW": ("Baden-Württemberg", ["Baden-Wuerttemberg", "Baden-Wurttemberg"]), "DE-BY": ("Bavaria", ["Bayern"]),
 "DE-BE": ("State of Berlin", ["Land Berlin"]), "DE-HB": ("Free Hanseatic City of Bremen", ["State of Bremen"]),
 "DE-HH": ("Free and Hanseatic City of Hamburg", ["State of Hamburg"]),
 "DE-HE": ("Hesse", ["Hessen"]), "DE-NI": ("Lower Saxony", ["Niedersachsen"]),
 "DE-NW": ("North Rhine-Westphalia", ["Nordrhein-Westfalen", "North Rhine Westphalia", "NRW"]),
 "DE-RP": ("Rhineland-Palatinate", ["Rheinland-Pfalz"]), "DE-SN": ("Saxony", ["Sachsen"]),
 "DE-ST": ("Saxony-Anhalt", ["Sachsen-Anhalt"]), "DE-TH": ("Thuringia", ["Thüringen"]),
 "DE-MV": ("Mecklenburg-Western Pomerania", ["Mecklenburg-Vorpommern"]),
 # Ukraine
 "UA-05": ("Vinnytsia Oblast", ["Vinnytska oblast"]), "UA-07": ("Volyn Oblast", ["Volynska oblast"]),
 "UA-09": ("Luhansk Oblast", ["Luhanska oblast", "Lugansk region", "Luhansk region"]),
 "UA-12": ("Dnipropetrovsk Oblast", ["Dnipropetrovska oblast", "Dnipropetrovsk region"]),
 "UA-14": ("Donetsk Oblast", ["Donetska oblast", "Donetsk region"]),
 "UA-18": ("Zhytomyr Oblast", ["Zhytomyrska oblast"]), "UA-21": ("Zakarpattia Oblast", ["Transcarpathia"]),
 "UA-23": ("Zaporizhzhia Oblast", ["Zaporizka oblast", "Zaporizhzhia region", "Zaporozhye region"]),
 "UA-26": ("Ivano-Frankivsk Oblast", ["Ivano-Frankivska oblast"]), "UA-32": ("Kyiv Oblast", ["Kyivska oblast", "Kiev region", "Kyiv region"]),
 "UA-35": ("Kirovohrad Oblast", ["Kirovohradska oblast"]), 
 "UA-43": ("Autonomous Republic of Crimea", ["Avtonomna Respublika Krym", "Republic of Crimea"]),
 "UA-46": ("Lviv Oblast", ["Lvivska oblast"]), "UA-48": ("Mykolaiv Oblast", ["Mykolaivska oblast"]),
 "UA-51": ("Odesa Oblast", ["Odeska oblast", "Odessa region", "Odesa region"]),
 "UA-53": ("Poltava Oblast", ["Poltavska oblast"]), "UA-56": ("Rivne Oblast", ["Rivnenska oblast"]),
 "UA-59": ("Sumy Oblast", ["Sumska oblast", "Sumy region"]), "UA-61": ("Ternopil Oblast", ["Ternopilska oblast"]),
 "UA-63": ("Kharkiv Oblast", ["Kharkivska oblast", "Kharkiv region"]),
 "UA-65": ("Kherson Oblast", ["Khersonska oblast", "Kherson region"]),
 "UA-68": ("Khmelnytskyi Oblast", ["Khmelnytska oblast"]), "UA-71": ("Cherkasy Oblast", ["Cherkaska oblast"]),
 "UA-74": ("Chernihiv Oblast", ["Chernihivska oblast"]), "UA-77": ("Chernivtsi Oblast", ["Chernivetska oblast"]),
 # Russia
 "RU-AD": ("Adygea", ["Republic of Adygea"]), "RU-AL": ("Altai Republic", []), "RU-ALT": ("Altai Krai", []),
 "RU-AMU": ("Amur Oblast", ["Amur region"]), "RU-ARK": ("Arkhangelsk Oblast", []), "RU-AST": ("Astrakhan Oblast", []),
 "RU-BA": ("Bashkortostan", ["Republic of Bashkortostan", "Bashkiria"]), "RU-BEL": ("Belgorod Oblast", ["Belgorod region"]),
 "RU-BRY": ("Bryansk Oblast", ["Bryansk region"]), "RU-BU": ("Buryatia", ["Republic of Buryatia"]),
 "RU-CE": ("Chechnya", ["Chechen Republic", "Chechenia"]), "RU-CHE": ("Chelyabinsk Oblast", []),
 "RU-CHU": ("Chukotka", ["Chukotka Autonomous Okrug"]), "RU-CU": ("Chuvashia", ["Chuvash Republic"]),
 "RU-DA": ("Dagestan", ["Republic of Dagestan", "Daghestan"]), "RU-IN": ("Ingushetia", ["Republic of Ingushetia"]),
 "RU-IRK": ("Irkutsk Oblast", []), "RU-IVA": ("Ivanovo Oblast", []), "RU-KAM": ("Kamchatka Krai", ["Kamchatka"]),
 "RU-KB": ("Kabardino-Balkaria", []), "RU-KC": ("Karachay-Cherkessia", []), "RU-KDA": ("Krasnodar Krai", []),
 "RU-KEM": ("Kemerovo Oblast", ["Kuzbass"]), "RU-KGD": ("Kaliningrad Oblast", []), "RU-KGN": ("Kurgan Oblast", []),
 "RU-KHA": ("Khabarovsk Krai", []), "RU-KHM": ("Khanty-Mansi Autonomous Okrug", ["Yugra"]),
 "RU-KIR": ("Kirov Oblast", []), "RU-KK": ("Khakassia", []), "RU-KL": ("Kalmykia", []), "RU-KLU": ("Kaluga Oblast", []),
 "RU-KO": ("Komi Republic", []), "RU-KOS": ("Kostroma Oblast", []), "RU-KR": ("Karelia", ["Republic of Karelia"]),
 "RU-KRS": ("Kursk Oblast", ["Kursk region"]), "RU-KYA": ("Krasnoyarsk Krai", []), "RU-LEN": ("Leningrad Oblast", []),
 "RU-LIP": ("Lipetsk Oblast", []), "RU-MAG": ("Magadan Oblast", []), "RU-ME": ("Mari El", []),
 "RU-MO": ("Mordovia", []), "RU-MOS": ("Moscow Oblast", ["Moscow region"]), "RU-MUR": ("Murmansk Oblast", []),
 "RU-NEN": ("Nenets Autonomous Okrug", []), "RU-NGR": ("Novgorod Oblast", []), "RU-NIZ": ("Nizhny Novgorod Oblast", []),
 "RU-NVS": ("Novosibirsk Oblast", []), "RU-OMS": ("Omsk Oblast", []), "RU-ORE": ("Orenburg Oblast", []),
 "RU-ORL": ("Oryol Oblast", []), "RU-PER": ("Perm Krai", []), "RU-PNZ": ("Penza Oblast", []),
 "RU-PRI": ("Primorsky Krai", ["Primorye", "Primorsky Territory", "Primorsky region"]), "RU-PSK": ("Pskov Oblast", []),
 "RU-ROS": ("Rostov Oblast", ["Rostov region"]), "RU-RYA": ("Ryazan Oblast", []),
 "RU-SA": ("Sakha Republic", ["Yakutia", "Republic of Sakha"]), "RU-SAK": ("Sakhalin Oblast", []),
 "RU-SAM": ("Samara Oblast", []), "RU-SAR": ("Saratov Oblast", []), "RU-SE": ("North Ossetia-Alania", ["North Ossetia"]),
 "RU-SMO": ("Smolensk Oblast", []), "RU-STA": ("Stavropol Krai", []), "RU-SVE": ("Sverdlovsk Oblast", []),
 "RU-TA": ("Tatarstan", ["Republic of Tatarstan"]), "RU-TAM": ("Tambov Oblast", []), "RU-TOM": ("Tomsk Oblast", []),
 "RU-TUL": ("Tula Oblast", []), "RU-TVE": ("Tver Oblast", []), "RU-TY": ("Tuva", ["Tyva"]),
 "RU-TYU": ("Tyumen Oblast", []), "RU-UD": ("Udmurtia", ["Udmurt Republic"]), "RU-ULY": ("Ulyanovsk Oblast", []),
 "RU-VGG": ("Volgograd Oblast", []), "RU-VLA": ("Vladimir Oblast", []), "RU-VLG": ("Vologda Oblast", []),
 "RU-VOR": ("Voronezh Oblast", []), "RU-YAN": ("Yamalo-Nenets Autonomous Okrug", ["Yamal"]),
 "RU-YAR": ("Yaroslavl Oblast", []), "RU-YEV": ("Jewish Autonomous Oblast", []),
 "RU-ZAB": ("Zabaykalsky Krai", ["Transbaikal", "Zabaikalsky Krai"]),
 # Other frequent English forms
 "MX-MEX": ("State of Mexico", ["Estado de México"]),
 "MX-COA": ("Coahuila", []), "MX-MIC": ("Michoacán", ["Michoacan"]), "MX-VER": ("Veracruz", []),
 "MX-NLE": ("Nuevo León", ["Nuevo Leon"]),
 "IN-DL": ("National Capital Territory of Delhi", ["NCT of Delhi"]), "IN-JK": ("Jammu and Kashmir", ["Jammu & Kashmir"]),
 "US-DC": ("District of Columbia", []), "US-WA": ("Washington State", ["Washington state"]),
 "US-NY": ("New York State", ["New York state"]),
 "SA-01": ("Riyadh Province", ["Riyadh Region"]), "SA-02": ("Mecca Province", ["Makkah Region"]),
 "SA-03": ("Medina Province", ["Al Madinah Region"]), "SA-04": ("Eastern Province", []),
 "IQ-AR": ("Erbil Governorate", ["Arbil Governorate"]), "IQ-AN": ("Anbar", ["Anbar Province", "Anbar Governorate"]),
 "IQ-NI": ("Nineveh", ["Nineveh Province", "Nineveh Governorate", "Ninawa"]), "IQ-SD": ("Salahuddin", ["Salah al-Din", "Saladin Province"]),
 "IQ-DI": ("Diyala", ["Diyala Province"]), "IQ-KI": ("Kirkuk Governorate", []), "IQ-BA": ("Basra Governorate", []),
 "SY-HL": ("Aleppo Governorate", []), "SY-DI": ("Damascus Governorate", []), "SY-RD": ("Rif Dimashq", ["Rural Damascus"]),
 "SY-DY": ("Deir ez-Zor Governorate", []), "SY-HA": ("Hasakah Governorate", ["Al-Hasakah Governorate"]),
 "SY-HI": ("Homs Governorate", []), "SY-HM": ("Hama Governorate", []), "SY-LA": ("Latakia Governorate", []),
 "SY-RA": ("Raqqa Governorate", []), "SY-DR": ("Daraa Governorate", []), "SY-ID": ("Idlib Province", ["Idlib Governorate"]),
 "SY-TA": ("Tartus Governorate", []), "SY-QU": ("Quneitra Governorate", []), "SY-SU": ("Suwayda Governorate", []),
 "IR-23": ("Tehran Province", []), "IR-10": ("Isfahan Province", []), "IR-06": ("Khuzestan", ["Khuzestan Province"]),
 "IR-11": ("Sistan and Baluchestan", []), "IR-03": ("East Azerbaijan Province", []), "IR-04": ("West Azerbaijan Province", []),
 "IR-12": ("Kurdistan Province", []), "IR-09": ("Razavi Khorasan", []),
 "AF-KAB": ("Kabul Province", []), "AF-KAN": ("Kandahar Province", []), "AF-HER": ("Herat Province", []),
 "PK-KP": ("Khyber Pakhtunkhwa", ["KP", "Khyber-Pakhtunkhwa"]), "PK-PB": ("Punjab Province", ["Punjab"]),
 "PK-BA": ("Balochistan", ["Baluchistan"]), "PK-JK": ("Azad Kashmir", ["Azad Jammu and Kashmir"]),
 "IN-PB": ("Punjab", []),
 "TR-34": ("Istanbul Province", []), "TR-35": ("Izmir Province", []),
 "JP-01": ("Hokkaido", []), "JP-47": ("Okinawa", ["Okinawa Prefecture"]),
 "ES-CT": ("Catalonia", ["Catalunya", "Cataluña"]), "ES-PV": ("Basque Country", ["Euskadi"]), "ES-AN": ("Andalusia", ["Andalucía"]),
 "IT-62": ("Lazio", []), "IT-25": ("Lombardy", ["Lombardia"]), "IT-82": ("Sicily", ["Sicilia"]), "IT-88": ("Sardinia", ["Sardegna"]),
 "IT-21": ("Piedmont", ["Piemonte"]), "IT-52": ("Tuscany", ["Toscana"]), "IT-34": ("Veneto", []),
}
# US state AP-style abbreviations (AP stylebook) and postal codes with dots are not used.
AP_ABBR = {
 "US-AL": ["Ala."], "US-AZ": ["Ariz."], "US-AR": ["Ark."], "US-CA": ["Calif."], "US-CO": ["Colo."],
 "US-CT": ["Conn."], "US-DE": ["Del."], "US-FL": ["Fla."], "US-GA": ["Ga."], "US-IL": ["Ill."],
 "US-IN": ["Ind."], "US-KS": ["Kan.", "Kans."], "US-KY": ["Ky."], "US-LA": ["La."], "US-MD": ["Md."],
 "US-MA": ["Mass."], "US-MI": ["Mich."], "US-MN": ["Minn."], "US-MS": ["Miss."], "US-MO": ["Mo."],
 "US-MT": ["Mont."], "US-NE": ["Neb.", "Nebr."], "US-NV": ["Nev."], "US-NH": ["N.H."], "US-NJ": ["N.J."],
 "US-NM": ["N.M."], "US-NY": ["N.Y."], "US-NC": ["N.C."], "US-ND": ["N.D."], "US-OK": ["Okla."],
 "US-OR": ["Ore."], "US-PA": ["Pa."], "US-RI": ["R.I."], "US-SC": ["S.C."], "US-SD": ["S.D."],
 "US-TN": ["Tenn."], "US-TX": ["Tex."], "US-VT": ["Vt."], "US-VA": ["Va."], "US-WA": ["Wash."],
 "US-WV": ["W.Va.", "W. Va."], "US-WI": ["Wis.", "Wisc."], "US-WY": ["Wyo."], "US-DC": ["D.C."],
}
# City names that are never marked ambiguous although a test fires (well-known in news).
NEVER_AMBIGUOUS = {
 "Washington", "Lima", "Cologne", "Bordeaux", "Mecca", "Medina", "Sochi", "Sanaa", "Riga", "Baku", "Doha",
 "Rome", "Oslo", "Kiev", "Kyiv", "Seoul", "Tokyo", "Delhi", "Kabul", "Gaza", "Aden", "Homs", "Hama",
 "Mosul", "Basra", "Raqqa", "Idlib", "Aleppo", "Damascus", "Beirut", "Tehran", "Qom", "Havana", "Bern",
 "Moscow", "Paris", "London", "Berlin", "Beijing", "Shanghai", "Tianjin", "Kursk", "Bakhmut", "Mariupol",
 "Chicago", "Houston", "Dallas", "Detroit", "Boston", "Seattle", "Denver", "Atlanta", "Miami", "Phoenix",
 "Manila", "Taipei", "Hanoi", "Osaka", "Kyoto", "Busan", "Incheon", "Daegu", "Pyongyang", "Kaesong",
 "Vladivostok", "Khabarovsk", "Nakhodka", "Sapporo", "Wuhan", "Dubai", "Cairo", "Istanbul", "Ankara",
 "Jerusalem", "Tel Aviv", "Geneva", "Davos", "Vienna", "Prague", "Warsaw", "Minsk", "Tbilisi", "Yerevan",
 "Helsinki", "Stockholm", "Brussels", "Madrid", "Lisbon", "Athens", "Singapore", "Bangkok", "Jakarta",
 "Canberra", "Ottawa", "Toronto", "Montreal", "Sydney", "Melbourne", "Mumbai", "Karachi", "Lahore",
 "Hong Kong", "Macau", "Muscat", "Santiago", "Wellington", "Bucharest", "Budapest", "Sofia", "Belgrade", "Kharkiv", "Odesa", "Odessa",
}
# Common first names and surnames (English-language news): a city with one of these names needs context.
FIRST_NAMES = set("""
aaron abigail adam adrian aiden alan albert alexander alexandra alexis alfred alice alicia allison alma amanda
amber amelia amy andrea andrew angela angelina anita ann anna anne annie anthony antonio april arthur ashley audrey
austin barbara beatrice benjamin bernard betty beverly bianca billy bobby bonnie brandon brenda brian brittany
bruce bryan caleb calvin cameron camila carl carla carlos carmen carol caroline carolyn catherine cecilia celia
charles charlotte chelsea cheryl chloe christian christina christine christopher cindy claire clara clarence
claudia clifford clinton colin connor constance cynthia dale daniel danielle david dawn dean deborah debra
denise dennis derek diana diane dolores donald donna doris dorothy douglas dylan edgar edith edna edward eileen
elaine eleanor elena elijah elizabeth ella ellen elsie emily emma eric erica esther ethan eugene eva evelyn
florence frances francis frank franklin fred frederick gabriel gary george georgia gerald gertrude gladys
gloria grace gregory hannah harold harriet harry hazel heather helen henry herbert holly howard ida irene
isaac isabel isabella jack jackie jacob jacqueline james jane janet janice jason jean jeffrey jennifer jeremy
jerry jesse jessica joan joanne joel john johnny jonathan jordan jose joseph josephine joshua joyce juan
judith judy julia julian julie june justin karen katherine kathleen kathryn kathy keith kelly kenneth kevin
kimberly kyle larry laura lauren lawrence leah leo leon leonard leslie lillian lily linda lisa logan lois
loretta lori louis louise lucas lucy luis luke lydia lynn madison mabel madeline manuel marcus margaret maria
marian marie marilyn mario marion mark martha martin mary mason matthew maureen maurice megan melissa michael
michelle mildred milton miranda molly monica morgan nancy natalie nathan neil nicholas nicole noah norma norman
oliver olivia oscar pamela patricia patrick paul paula pauline pearl peggy peter philip phillip phyllis rachel
ralph randy raymond rebecca regina renee richard rita robert roberta roger ronald rosa rose rosemary roy ruby
russell ruth ryan sally samantha samuel sandra sara sarah scott sean sharon shirley sofia sophia stanley
stella stephanie stephen steven susan sydney sylvia tammy teresa terry theodore theresa thomas timothy tina
todd tony tracy travis tyler valerie vanessa vera veronica victor victoria vincent violet virginia vivian
walter wanda warren wayne wendy william willie wilson zachary
""".split())
SURNAMES = set("""
adams alexander allen anderson armstrong bailey baker barnes bell bennett black boyd bradley brooks brown
bryant burns butler campbell carpenter carroll carter chapman clark cole coleman collins cook cooper cox
crawford cruz cunningham daniels davidson davis dixon douglas duncan dunn edwards elliott ellis evans ferguson
fisher ford foster fox franklin freeman garcia gardner gibson gomez gonzalez gordon graham grant gray green
griffin hall hamilton harper harris harrison hart hawkins hayes henderson henry hernandez hicks hill holmes
howard hudson hughes hunt hunter jackson james jenkins johnson jones jordan kelly kennedy king knight lane
lawrence lee lewis lincoln long lopez marshall martin martinez mason matthews mcdonald miller mills mitchell
moore morales morgan morris murphy murray myers nelson nichols olson ortiz owens palmer parker patterson
payne perez perkins perry peters phillips pierce porter powell price ramirez reed reyes reynolds rice
richardson riley rivera roberts robertson robinson rodriguez rogers ross russell ryan sanchez sanders scott
shaw simmons simpson smith snyder spencer stephens stevens stewart stone sullivan taylor thomas thompson
torres tucker turner walker wallace ward warren washington watson weaver webb wells west wheeler white
williams willis wilson wood woods wright young
""".split())


INSTITUTION_NAME = re.compile(r"^(University|College|Airport)$|\b(University|College|Institute|Academy) of\b|Housing Society")


# A US city's canonical name is its English Wikipedia title: "City, State" (the convention of
# Wikipedia's WP:USPLACE guideline), except the cities the AP Stylebook lets stand alone in a
# dateline, which Wikipedia titles by name alone, and the capital, which stays "Washington" as
# news names it (Wikipedia: "Washington, D.C.", an alias). (Facts: the AP dateline list
# as cited by WP:USPLACE; the rule is Wikipedia's, CC BY-SA; no text copied.)
US_STANDALONE = {
    "Atlanta", "Baltimore", "Boston", "Chicago", "Cincinnati", "Cleveland", "Dallas", "Denver", "Detroit",
    "Honolulu", "Houston", "Indianapolis", "Las Vegas", "Los Angeles", "Miami", "Milwaukee", "Minneapolis",
    "New Orleans", "New York City", "Oklahoma City", "Philadelphia", "Phoenix", "Pittsburgh", "St. Louis",
    "Salt Lake City", "San Antonio", "San Diego", "San Francisco", "Seattle",
}


def us_city_title(name, state, capital):
    # ("The Bronx", "The Woodlands": the article stays part of the one surface form)
    if capital or name in US_STANDALONE or not state or state == "District of Columbia" or name.startswith("The "):
        return name
    return "%s, %s" % (name, state)


def fold(s):
    """ASCII-fold a name: strip diacritics, map special letters."""
    special = {"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
               "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "þ": "th", "ʼ": "'", "’": "'",
               "‘": "'", "ʻ": "'", "ʿ": "", "ʾ": "", "`": "'", "ə": "a", "Ə": "A", "ħ": "h", "ŧ": "t"}
    s = "".join(special.get(ch, ch) for ch in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def plain_transliteration(s):
    """Drops the marks of scholarly transliteration (macron, dot below, cedilla, breve, ayn and
    hamza signs) but keeps those of French or other spellings (Aïn, Sétif)."""
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if ch not in "\u0304\u0323\u0327\u0306\u0331\u032e\u02bf\u02be")
    # An apostrophe for ayn or hamza at a word's edge goes ("'Afrīn" -> "Afrin"); inside a
    # word it stays ("Ma'an").
    s = re.sub(r"(?:(?<=\s)|^)['‘’ʼ`]+|['‘’ʼ`]+(?=\s|$)", "", s)
    return unicodedata.normalize("NFC", s).strip()


def clean(s):
    return s.replace("’", "'").replace("‘", "'").replace("\t", " ").strip()


def key(s):
    return fold(s).casefold()


def load_words():
    words = set()
    if os.path.exists(WORDS):
        with open(WORDS, encoding="utf-8", errors="replace") as f:
            for w in f:
                w = w.strip()
                if w and w == w.lower() and "'" not in w:
                    words.add(w)
    return words


def load_people_names(outdir):
    """Single tokens of person names (family names) from people.tsv."""
    toks = set()
    p = os.path.join(outdir, "people.tsv")
    if not os.path.exists(p):
        return toks
    with open(p, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 5 or cols[0] != "PERSON":
                continue
            for a in cols[4].split(";"):
                if a.startswith("family="):
                    toks.add(key(a[7:]))
    return toks


def row(typ, id_, name, aliases, attrs):
    name = clean(name)
    seen = {name}
    al = []
    for a in aliases:
        a = re.sub(r"^(the|The) ", "", clean(a))
        if a and a not in seen and "|" not in a:
            seen.add(a)
            al.append(a)
    return "\t".join([typ, id_, clean(name), "|".join(al) if al else "-", ";".join(attrs) if attrs else "-"])


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    csv_path, outdir = sys.argv[1], sys.argv[2]
    iso1 = json.load(open(ISO1, encoding="utf-8"))["3166-1"]
    iso2 = json.load(open(ISO2, encoding="utf-8"))["3166-2"]
    words = load_words()
    person_toks = load_people_names(outdir)

    # ---------------- countries ----------------
    name2cc = {}
    countries = []  # (id, canonical, aliases, attrs)
    for c in iso1:
        cc = c["alpha_2"]
        name2cc[c["name"]] = cc
        if cc in C:
            canon, al, qid = C[cc]
        else:
            canon, al, qid = c.get("common_name", c["name"]), [], None
        al = list(al)
        for extra in (c.get("official_name"), c["name"], c.get("common_name")):
            if extra and "," not in extra and "(" not in extra and extra not in al and extra != canon:
                al.append(extra)
        attrs = ["country=iso:" + cc]
        if cc in AMBIGUOUS_COUNTRIES:
            attrs.append("ambiguous=1")
        countries.append((qid or "iso:" + cc, canon, al, attrs))
    name2cc["No country found for alpha-2 code: XK"] = "XK"
    for id_, canon, al, attrs in EXTRA_COUNTRIES:
        countries.append((id_, canon, al, attrs.split(";")))
    country_keys = {}
    for id_, canon, al, attrs in countries:
        for n in [canon] + al:
            country_keys.setdefault(key(n), id_)

    # ---------------- cities (first pass, for collisions) ----------------
    rows = []
    with open(csv_path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            cc = name2cc.get(r["country"])
            if cc is None:
                sys.exit("unknown country in csv: %r" % r["country"])
            rows.append((clean(r["name"]), cc, r["subcountry"], r["geonameid"]))
    capital_rows = {}
    for nm, cc, sub, gid in rows:
        if CAPITALS.get(cc) == nm and cc not in capital_rows:
            capital_rows[cc] = gid
    missing = sorted(cc for cc in CAPITALS if cc not in capital_rows)
    if missing:
        print("note: capitals not found in csv:", " ".join(missing), file=sys.stderr)
    cap_ids = set(capital_rows.values())

    groups = {}
    order = []
    for i, (nm, cc, sub, gid) in enumerate(rows):
        k = key(nm)
        if k not in groups:
            groups[k] = []
            order.append(k)
        groups[k].append((nm, cc, sub, gid, i))

    def rank(item):
        nm, cc, sub, gid, i = item
        if gid in cap_ids:
            return (0, i)
        if PREFER.get(fold(nm)) == cc or PREFER.get(nm) == cc:
            return (1, i)
        if sub and key(sub) == key(nm):
            return (2, i)
        return (3, i)

    chosen = {}
    for k, items in groups.items():
        best = min(items, key=rank)
        variants = sorted({it[0] for it in items})
        chosen[k] = (best, variants, len({it[1] for it in items}))
    city_by_key_cc = {}
    for k, ((nm, cc, sub, gid, i), _, _) in chosen.items():
        city_by_key_cc[(k, cc)] = gid

    claimed = {}
    for ck, al in CITY_ALIASES.items():
        for a in al:
            claimed[key(a)] = ck

    # ---------------- subdivisions ----------------
    subs = []
    for s in iso2:
        code = s["code"]
        cc = code[:2]
        typ = s["type"]
        if code in SKIP_SUBDIV:
            continue
        if typ not in SUB_TYPES and typ not in SUB_TYPES_EXTRA.get(cc, ()):
            continue
        raw = re.sub(r"\s*\[.*?\]", "", s["name"]).strip()
        if code in SUB_EN:
            canon, al = SUB_EN[code]
            al = list(al)
            if (fold(raw) != canon and raw not in al and raw != canon and "," not in raw
                    and (key(raw), cc) not in city_by_key_cc and key(raw) not in claimed):
                al.append(raw)
        else:
            canon, al = raw, []
            if "," in canon:  # "Adygeja, Respublika" style: skip odd ISO forms
                continue
        al = al + AP_ABBR.get(code, [])
        if key(canon) in words:  # "Central", "Eastern", "Centre": too generic
            continue
        al = [a for a in al if key(a) not in country_keys]
        subs.append([code, cc, typ, canon, al])
    seen_names = {}
    for sd in subs:
        seen_names.setdefault((key(sd[3]), sd[1]), []).append(sd)
    drop = set()
    for (k, cc), lst in seen_names.items():
        if len(lst) > 1:
            keep = [sd for sd in lst if sd[2] not in LOWER_TYPES] or lst[:1]
            for sd in lst:
                if sd not in keep[:1]:
                    drop.add(sd[0])
    subs = [sd for sd in subs if sd[0] not in drop]
    # a subdivision named like a city of its own country (province named after its capital):
    # the city keeps the bare name, the subdivision becomes "<name> <Type>".
    for sd in subs:
        code, cc, typ, canon, al = sd
        if (key(canon), cc) in city_by_key_cc and code not in SUB_EN:
            word = TYPE_WORD.get(typ, "Province")
            sd[3] = "%s %s" % (canon, word)
    sub_keys = {}
    for code, cc, typ, canon, al in subs:
        for n in [canon] + al:
            sub_keys.setdefault(key(n), set()).add(code)

    strong_city_keys = set()
    for k, ((nm, cc, sub, gid, i), _, _) in chosen.items():
        if gid in cap_ids or fold(nm) in NEVER_AMBIGUOUS or nm in NEVER_AMBIGUOUS:
            strong_city_keys.add(k)
    for ck, al in CITY_ALIASES.items():
        if ck.split("|")[0] in NEVER_AMBIGUOUS:
            strong_city_keys.update(key(a) for a in al)
    sub_lines = []
    for code, cc, typ, canon, al in sorted(subs):
        attrs = ["country=iso:" + cc, "subdivision_type=" + typ.lower().replace(" ", "_")]
        names = [canon] + al
        amb = any(key(n) in country_keys or len(sub_keys.get(key(n), ())) > 1 or key(n) in strong_city_keys
                  for n in names)
        fa = [fold(n) for n in names if fold(n) != n]
        if amb:
            attrs.append("ambiguous=1")
        sub_lines.append(row("GPE", "iso:" + code, canon, al + fa, attrs))

    # ---------------- cities ----------------
    city_lines = []
    n_amb = 0
    for k in sorted(chosen):
        (nm, cc, sub, gid, i), variants, ncountries = chosen[k]
        if k in claimed and claimed[k] != "%s|%s" % (nm, cc):
            continue  # the name is an explicit alias of a more important city
        if k in country_keys and gid not in cap_ids:
            # a town named like a country ("Mexico", Philippines): skip, the country wins
            continue
        if INSTITUTION_NAME.search(nm):
            # a campus or a housing estate that GeoNames lists as a town ("University of
            # Texas", "Airport"): in news the name is the institution's
            continue
        attrs = ["country=iso:" + cc]
        if gid in cap_ids:
            attrs.append("capital=1")
        toks = re.split(r"[\s\-]+", k)
        plain = fold(nm)
        reasons = []
        letters = re.sub(r"[^a-z]", "", k)
        if len(letters) < 4:
            reasons.append("short")
        if k in words or (len(toks) == 1 and toks[0] in words):
            reasons.append("word")
        if k in FIRST_NAMES or k in SURNAMES or k in person_toks:
            reasons.append("person")
        if k in country_keys:
            reasons.append("country")
        if k in sub_keys and gid not in cap_ids:
            reasons.append("subdivision")
        if plain in NEVER_AMBIGUOUS or nm in NEVER_AMBIGUOUS:
            reasons = []
        if k in country_keys:  # city-states: the country line wins
            reasons = ["country"]
        if reasons:
            attrs.append("ambiguous=1")
            n_amb += 1
        aliases = [v for v in variants if v != nm]
        aliases += [fold(v) for v in variants if fold(v) != v]
        aliases += CITY_ALIASES.get("%s|%s" % (nm, cc), [])
        canon = ENGLISH_NAMES.get("%s|%s" % (nm, cc)) or (plain_transliteration(nm) if cc in FOLD_CANONICAL_COUNTRIES else nm)
        if cc == "US":
            canon = us_city_title(nm, sub, gid in cap_ids)
        if canon != nm:
            aliases = [nm] + aliases
        aliases = [a for i, a in enumerate(aliases) if a != canon and a not in aliases[:i]]
        city_lines.append(row("GPE", "geonames:" + gid, canon, aliases, attrs))

    # ---------------- write ----------------
    src = "ISO 3166 via Debian iso-codes (LGPL-2.1+)"
    hdr = "# GENERATED BY scripts/gen_lexicon_places.py FROM %s; DO NOT EDIT.\n"
    fmt = "# Columns: type<TAB>id<TAB>canonical<TAB>aliases(|)<TAB>attributes(;). See README.md.\n"
    with open(os.path.join(outdir, "countries.tsv"), "w", encoding="utf-8") as f:
        f.write(hdr % (ISO1 + " + hand-written names/aliases/Wikidata ids in the script"))
        f.write("# Licence: ISO 3166 code lists from Debian iso-codes, LGPL-2.1+; names and Wikidata ids are public facts (CC0).\n")
        f.write(fmt)
        out = []
        for id_, canon, al, attrs in countries:
            out.append(row("GPE", id_, canon, al, attrs))
        for l in sorted(out):
            f.write(l + "\n")
    with open(os.path.join(outdir, "subdivisions.tsv"), "w", encoding="utf-8") as f:
        f.write(hdr % (ISO2 + " + hand-written English names in the script"))
        f.write("# Licence: ISO 3166-2 code lists from Debian iso-codes, LGPL-2.1+; English names are public facts (CC0).\n")
        f.write(fmt)
        for l in sub_lines:
            f.write(l + "\n")
    with open(os.path.join(outdir, "cities.tsv"), "w", encoding="utf-8") as f:
        f.write(hdr % ("world-cities.csv (GeoNames)"))
        f.write("# Licence: city data (c) GeoNames, https://www.geonames.org/, CC BY 4.0. Ambiguity marks and extra aliases by kimput.\n")
        f.write(fmt)
        for l in city_lines:
            f.write(l + "\n")
    print("countries %d, subdivisions %d, cities %d (ambiguous %d)" % (len(countries), len(sub_lines), len(city_lines), n_amb), file=sys.stderr)


if __name__ == "__main__":
    main()
