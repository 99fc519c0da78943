#!/usr/bin/env python3
"""Write the training and evaluation text for the ocr-cli fine-tuned model.

All sentences and word lists below were written for this project. The script mixes them with
generated lines (numbers, dates, prices, punctuation, quotes, dashes, mixed Latin/Cyrillic
phrases) so that fine-tuning teaches the rare letters without making the model forget ordinary
text.

usage: make_corpus.py --out DIR [--lines N] [--eval-lines N] [--seed S]
writes DIR/train.txt, DIR/eval.txt (different random draws, plus sentences kept out of train)
and DIR/targets_eval.txt (eval lines that contain the target letters).
"""
import argparse
import os
import random

# Letters the model must learn (the three pairs) and their neighbours in the corpus.
TARGETS = "ĿŀҔҕǢǣ"
EXTRA_RARE = "ҘҙҪҫҺһӨөҮүǼǽÞþÐðǷƿ"

EN = [
    "The quick brown fox jumps over the lazy dog.",
    "Please send the signed contract back before Friday.",
    "Our office will be closed on Monday for maintenance.",
    "She bought three apples, two pears and a melon.",
    "The meeting starts at 9:30 in room 214, second floor.",
    "Invoice number 58-1173 is due within thirty days.",
    "Keep the receipt; you will need it for a refund.",
    "He said, \"We can finish the report by Thursday.\"",
    "It's the first time the river has frozen since 1987.",
    "Temperature fell to -12 degrees during the night.",
    "Add 250 g of flour, 3 eggs and a pinch of salt.",
    "Her flight (BA 2047) lands at 18:45 local time.",
    "Which way is the railway station, please?",
    "The library lends books, maps, films and music.",
    "Mind the gap between the train and the platform!",
    "Results: 42 passed, 3 failed, 1 skipped.",
    "The price rose by 7.5% after the new tax.",
    "Dear Mr. Holloway, thank you for your quick reply.",
    "Kind regards from the whole support team.",
    "Please call us on +44 20 7946 0321 after 10 a.m.",
    "Wind from the north-west, 25 km/h, gusts to 60.",
    "A well-known author signed copies at the fair.",
    "Chapter 4 explains how the engine works.",
    "Water boils at 100 °C at sea level.",
    "The museum opens daily from 10:00 to 17:30.",
    "Jack quietly moved up front and seized the big ball of wax.",
    "Six crazy kings vowed to abolish my quite pitiful jousts.",
    "Pack my box with five dozen liquor jugs.",
    "The parcel weighs 1.8 kg and measures 30 x 20 x 15 cm.",
    "Use a soft brush; never scrub the painted surface.",
    "Total amount: $1,249.99 (VAT included).",
    "Our new address is 17 Harbour Lane, Leith.",
    "They arrived late, tired, hungry - but happy.",
    "Is it true that owls can turn their heads so far?",
    "Version 2.14.3 fixes the crash on start-up.",
    "Email: orders@example.org, web: www.example.org/help",
    "The committee approved items 3, 5 and 9 of the agenda.",
    "Nobody expected the storm to last for a whole week.",
    "Write your name in CAPITAL LETTERS, please.",
    "A zebra, a yak and a gnu walked into the zoo.",
    "Questions? Ask at the desk [open 24/7].",
    "Fill in the form {name, date, signature} and return it.",
    "Score: 3:1 after extra time; attendance 41,208.",
    "The old bridge was rebuilt in 1921 & again in 1978.",
    "Hello, world! This is a test of the reader.",
    "Special offer: buy one, get one free *only today*.",
    "Path: /usr/local/share/data_2024/file~1.txt",
    "Average = (a + b) / 2; ratio a:b = 3:4.",
    "The hyphen, the en dash - and the em dash differ.",
    "Don't forget: the deadline is 31 March 2025.",
]

RU = [
    "Съешь же ещё этих мягких французских булок, да выпей чаю.",
    "В чащах юга жил бы цитрус? Да, но фальшивый экземпляр!",
    "Совещание начнётся в 10:30 в малом зале.",
    "Пожалуйста, отправьте подписанный договор до пятницы.",
    "Магазин работает ежедневно с 9:00 до 21:00.",
    "Поезд прибывает на третий путь в 18:45.",
    "Температура ночью опустилась до -15 градусов.",
    "Возьмите 200 г муки, два яйца и щепотку соли.",
    "Счёт № 4471 нужно оплатить в течение месяца.",
    "Он сказал: «Мы закончим отчёт к четвергу».",
    "Объявление висело на двери подъезда неделю.",
    "Юные художники рисовали яркие цветы и деревья.",
    "Эта книга вышла в 1999 году тиражом 5 000 экземпляров.",
    "Щука плавала в холодной воде под мостом.",
    "Ёжик нашёл в лесу большой жёлтый гриб.",
    "Цена выросла на 12% после нового налога.",
    "Где находится ближайшая аптека, подскажите?",
    "Библиотека выдаёт книги, журналы и карты.",
    "Итого к оплате: 1 250,00 руб. (с НДС).",
    "Уважаемая Анна Сергеевна, благодарим за письмо!",
    "Въезд во двор закрыт с 23:00 до 6:00.",
    "Хорошая погода держалась почти всю неделю.",
    "Шёл дождь, и дети играли дома в шахматы.",
    "Фёдор прочитал объявление и улыбнулся.",
    "Ответственный за склад: Иванов П. Р.",
    "Результаты: 42 прошли, 3 не прошли, 1 пропущен.",
    "Адрес: ул. Садовая, д. 17, кв. 5, Москва.",
    "Звоните по телефону +7 495 123-45-67.",
    "Подъём на гору занял почти четыре часа.",
    "Часть денег ушла на ремонт крыши и окон.",
    "Эй, жлоб! Где туз? Прячь юных съёмщиц в шкаф.",
    "Вчера в 7 утра было темно и очень тихо.",
    "Журнал «Наука и жизнь» выходит каждый месяц.",
    "Глава 4 объясняет, как устроен двигатель.",
    "Мы встретились у входа — там, где растёт ель.",
    "Кто-то оставил зонт; заберите его, пожалуйста.",
    "Вода кипит при 100 °C на уровне моря.",
    "Обнаружено: ящики с деталями, 36 штук.",
    "Дата проверки: 5 марта, время 11:40.",
    "Привет, мир! Это проверка распознавания.",
    "Ёлка стояла в углу, а щётка лежала у двери.",
    "Юрий и Яна уехали на юг в июле.",
    "Эхо разносилось над озером до самого утра.",
    "Щенок спал у печки, укрывшись старым пледом.",
    "Ёмкость бака — 60 литров, объём двигателя — 1,6 л.",
    "Ъ и Ь не бывают в начале слова; Ы — почти никогда.",
    "Йогурт, кефир и творог продаются на втором этаже.",
    "ОБЪЯВЛЕНИЕ: ПОДЪЕЗД № 3 ЗАКРЫТ НА РЕМОНТ.",
]

# Catalan: l·l written with U+00B7 and with the precomposed Ŀ ŀ (U+013F, U+0140).
CA_WORDS = ["paral·lel", "col·legi", "intel·ligent", "il·lusió", "cel·la", "al·lèrgia",
            "col·lecció", "mil·lenari", "sol·licitud", "il·lustració", "novel·la", "pel·lícula",
            "excel·lent", "tranquil·la", "instal·lació", "col·lega", "il·lègal", "cal·ligrafia"]
CA = [
    "El col·legi és al carrer de la Pau, número 12.",
    "Una pel·lícula excel·lent i una novel·la tranquil·la.",
    "La sol·licitud s'ha de presentar abans de dilluns.",
    "L'instal·lació elèctrica és nova i segura.",
    "La il·lustració mostra dues línies paral·leles.",
    "Tinc al·lèrgia al pol·len de la primavera.",
    "La meva col·lega treballa a Barcelona des de 2019.",
    "Cada cel·la de la taula té un número.",
]

# Yakut (Sakha) and Bashkir words with Ҕ ҕ Ҙ ҙ Ҫ ҫ Һ һ Ө ө Ү ү.
SAKHA_BASHKIR = ["оҕо", "аҕа", "Ҕ", "ҕ", "ойуур", "үөрэх", "күн", "сылгы", "Дьокуускай", "сайын",
                 "ыҕыы", "таҕыс", "баҕа", "сүөһү", "оһох", "һаас", "Өлүөнэ", "Үрүҥ", "төбө",
                 "һыу", "ҡыҙ", "үҙ", "Өфө", "ҫыр", "ҫул", "ҙур", "Һауа", "Ҙур", "Ҫәй", "көн",
                 "ОҔО", "АҔА", "ҮӨРЭХ", "ҺЫУ", "ҪЫР", "Ҙ", "ҙ", "Ҫ", "ҫ", "Һ", "һ", "Ө", "ө", "Ү", "ү"]

# Old English words with Ǣ ǣ Ǽ ǽ Þ þ Ð ð Ƿ ƿ Æ æ.
OE_WORDS = ["Ǣlfred", "ǣfter", "ǣr", "ǣnig", "Ǽ", "ǽfre", "ǽlc", "þæt", "Þā", "þū", "ðǣm",
            "Ðǣr", "ƿæs", "Ƿīf", "ƿē", "sǣ", "dǣd", "hǣlþ", "Ǣ", "ǣ", "ǽ", "Þ", "þ", "Ð", "ð",
            "Ƿ", "ƿ", "Æþelred", "æcer", "wǣron", "mǣre", "Ðū", "eorþe", "ƿeorold", "ǼLC",
            "ÞÆT", "ǢR", "Ŀ", "ŀ"]

LATIN_DIACRITIC_WORDS = ["Naïve", "café", "Zürich", "crème", "brûlée", "Łódź", "Škoda", "Øresund",
                         "Ærø", "Ångström", "façade", "São", "Paulo", "Gdańsk", "Kraków", "Brno",
                         "Dvořák", "Malmö", "Göteborg", "München", "Köln", "straße", "Señor",
                         "mañana", "jalapeño", "Ísland", "Þórsmörk", "Reykjavík", "Tromsø",
                         "Århus", "Ljubljana", "Žižek", "Čapek", "Ostrava", "naïveté", "déjà",
                         "Noël", "Citroën", "Curaçao", "Ñandú", "señal", "Błażej", "Wrocław",
                         "Poznań", "Łukasz", "Šibenik", "Oulu", "Ålesund", "Bjørn", "Sørensen",
                         "coöperate", "über", "résumé", "piñata", "Zoë", "Brontë", "Škofja", "Łeba",
                         "Åland", "Åsa", "Øst", "Østfold", "Ørsted", "København", "Håkon", "Ætna",
                         "Óbidos", "Ávila", "Úbeda", "Ýdalir", "Ÿvelines", "Őrség", "Ústí", "Čech",
                         "Řím", "Ćuprija", "Ńbia", "Ęlk", "Śląsk", "Żywiec", "Ździeszowice", "Ørbæk",
                         "fiancée", "Ålborg", "Bø", "Lübeck", "Düsseldorf", "Ärzte", "Österreich",
                         "Übung", "Façade", "Être", "Île", "Àger", "Ñuñoa", "Ølen", "Åkerström"]

EN_WORDS = ("time year people way day man thing woman life child world school state family "
            "student group country problem hand part place case week company system program "
            "question work government number night point home water room mother area money "
            "story fact month lot right study book eye job word business issue side kind head "
            "house service friend father power hour game line end member law car city name "
            "team minute idea kid body back parent face level office door health person art "
            "letter order report price list total page river bridge market reader model").split()
RU_WORDS = ("время год человек дело день рука работа слово место лицо друг глаз вопрос дом "
            "сторона страна мир случай голова ребёнок сила конец вид система часть город "
            "отношение женщина деньги земля машина вода отец проблема час право нога решение "
            "дверь образ история власть закон война бог голос тысяча книга возможность "
            "результат ночь стол имя область статья число компания народ жена группа развитие "
            "процесс суд условие средство начало свет пора путь душа уровень форма связь "
            "минута улица вечер качество мысль дорога мать действие месяц государство язык "
            "любовь взгляд мама век школа цель общество деятельность объём подъезд щётка ёлка "
            "съезд юг яма эхо йод шёпот чай цех фильм бюро").split()
RU_CAPS = ["Ёлка", "Ёжик", "Ёмкость", "Ёрш", "Юг", "Юрий", "Язык", "Яблоко", "Эхо", "Этаж", "Щит",
           "Щётка", "Шар", "Цех", "Чай", "Жук", "Фонарь", "Йогурт", "Ъ", "Ь", "Ы", "Ё", "Й", "Э", "Ю",
           "Я", "Щ", "ОТЧЁТ", "ПОДЪЕЗД", "ОБЪЁМ", "ИТОГО", "СЧЁТ", "СЪЕЗД", "ЁЖ", "ЮЖНЫЙ", "ЯРМАРКА",
           "ЭКЗАМЕН", "ЩИТ", "ЖУРНАЛ", "ЦЕНА", "ФЕВРАЛЬ", "ЧЕТВЕРГ", "ШКОЛА", "Хлеб", "Гора", "Дом"]
LAT_LETTERS = "ÀÁÂÃÄÅàáâãäåÆæÇçČčĆćÈÉÊËèéêëĘęĚěÌÍÎÏìíîïŁłŃńÑñÒÓÔÕÖØòóôõöøŒœŘřŚśŠšßÙÚÛÜùúûüŮůÝýÿŹźŻżŽž"
CYR_LETTERS = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
CYR_TERMS = ["кириллица", "буква", "письмо", "алфавит", "символ", "знак", "строка", "текст"]
LAT_TERMS = ["letter", "character", "symbol", "glyph", "sign", "ligature", "word", "script"]

PUNCT_SAMPLES = ['"quoted"', "'single'", "«ёлочки»", "„низ“", "“curly”", "‘curly’", "(round)",
                 "[square]", "{curly}", "<angle>", "a/b", "a\\b", "x|y", "#7", "@home", "50%",
                 "A&B", "2*3", "a+b", "c=d", "x_y", "~5", "^2", "$10", "€20", "£5", "1 000",
                 "3.14", "2,5", "1:2", "one; two", "why?", "yes!", "end.", "and so on…",
                 "well-known", "1990–2000", "pause — then", "co‑operate", "§ 5", "№ 12", "±3",
                 "°C", "a's", "it's", "O'Neil", "e.g.", "i.e.", "etc."]

TEMPLATES_MIXED = [
    "{en_w} / {ru_w} {num}",
    "{en_cap} ({ru_w}), {num} {unit}",
    "Слово «{en_w}» по-русски — {ru_w}.",
    "The Russian word “{ru_w}” means {en_w}.",
    "{ru_cap} / {en_cap}: {price}",
    "Model {code}: {ru_w}, {en_w}, {num} шт.",
    "{ru_cap} и {en_w} — {num} раз, {ru_w} and {en_w}.",
    "Итого / Total: {price} ({num} x {price2})",
    "Receipt № {num}: {ru_w} / {en_w} {price}",
]


def rnd_num(r):
    return str(r.choice([r.randint(0, 9), r.randint(10, 99), r.randint(100, 9999), r.randint(10000, 999999)]))


def rnd_price(r):
    return f"{r.randint(0, 9999)}{r.choice(['.', ','])}{r.randint(0, 99):02d}"


def rnd_code(r):
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return f"{r.choice(letters)}{r.choice(letters)}-{r.randint(100, 9999)}"


def cap(w):
    return w[:1].upper() + w[1:]


def fill(r, t):
    return t.format(en_w=r.choice(EN_WORDS), ru_w=r.choice(RU_WORDS), en_cap=cap(r.choice(EN_WORDS)),
                    ru_cap=cap(r.choice(RU_WORDS)), num=rnd_num(r), price=rnd_price(r),
                    price2=rnd_price(r), code=rnd_code(r), unit=r.choice(["kg", "km", "мм", "г", "m/s", "%"]))


def target_line(r):
    """A sentence that puts rare letters in Latin, Cyrillic or mixed context."""
    kind = r.randrange(9)
    if kind == 0:
        L = r.choice("ĿŀǢǣǼǽÞþÐðǷƿ")
        return f"{r.choice(['Hello', 'Look', 'Note', 'Here'])}, {r.choice(EN_WORDS)}! {L} is a Latin-extended {r.choice(LAT_TERMS)}."
    if kind == 1:
        L = r.choice("ҔҕҘҙҪҫҺһӨөҮү")
        return f"{r.choice(['Привет', 'Смотри', 'Итак', 'Вот'])}, {r.choice(RU_WORDS)}! {L} is a Cyrillic {r.choice(LAT_TERMS)}."
    if kind == 2:
        L = r.choice("ǢǣǼǽÆæ")
        return f"Special {r.choice(EN_WORDS)}: {L} is a ligature {r.choice(['of a and e', 'in Old English', 'too'])}."
    if kind == 3:
        letters = r.sample(TARGETS + EXTRA_RARE, r.randint(4, 8))
        return " ".join(letters) + r.choice([".", "", ",", ";", "!"])
    if kind == 4:
        ws = r.sample(SAKHA_BASHKIR, 3)
        return f"{cap(r.choice(RU_WORDS))}: {ws[0]}, {ws[1]} и {ws[2]} — {r.choice(CYR_TERMS)} {rnd_num(r)}."
    if kind == 5:
        ws = r.sample(OE_WORDS, 4)
        return f"Old English: {ws[0]} {ws[1]} and {ws[2]} {ws[3]}."
    if kind == 6:
        ws = r.sample(CA_WORDS, 2)
        pre = r.choice(["Ŀ", "ŀ", "L·L", "l·l"])
        alt = ws[0].replace("l·l", "ŀl") if r.random() < 0.5 else ws[0]
        return f"Catalan {pre}: {alt}, {ws[1]}. {r.choice(['Ŀ ŀ', 'ŀ', 'Ŀ'])} {r.choice(['appear rarely', 'is rare', 'is old'])}."
    if kind == 7:
        ws = [r.choice(SAKHA_BASHKIR), r.choice(OE_WORDS), r.choice(RU_WORDS), r.choice(EN_WORDS)]
        r.shuffle(ws)
        return " ".join(ws) + f" {rnd_num(r)}" + r.choice([".", "!", "?", ";", ":"])
    ws = [r.choice(LATIN_DIACRITIC_WORDS) for _ in range(3)] + [r.choice(SAKHA_BASHKIR)]
    r.shuffle(ws)
    return ", ".join(ws) + f" {r.choice(['and', 'и'])} {r.choice(OE_WORDS)}."


def letters_line(r):
    """Named letters in a sentence, e.g. 'буквы Ё и Ъ' or 'letters Å and ø'."""
    if r.random() < 0.5:
        ls = r.sample(CYR_LETTERS, 2)
        w = r.sample(RU_CAPS, 2)
        return f"{w[0]}, {r.choice(RU_WORDS)}, {w[1]} — {r.choice(['буквы', 'знаки', 'символы'])} {ls[0]} и {ls[1]}."
    ls = r.sample(LAT_LETTERS, r.randint(2, 6))
    return f"{cap(r.choice(EN_WORDS))} {r.choice(['letters', 'signs', 'marks'])}: {' '.join(ls)} {r.choice(['and', 'or', 'in'])} {r.choice(LATIN_DIACRITIC_WORDS)}."


def ordinary_line(r):
    line = ordinary_line0(r)
    if r.random() < 0.07:
        line = line.upper()
    return line


def ordinary_line0(r):
    kind = r.randrange(12)
    if kind >= 10:
        return letters_line(r)
    if kind <= 1:
        return r.choice(EN)
    if kind <= 3:
        return r.choice(RU)
    if kind == 4:
        return fill(r, r.choice(TEMPLATES_MIXED))
    if kind == 5:
        return " ".join(r.sample(PUNCT_SAMPLES, 6))
    if kind == 6:
        d = r.randint(1, 28)
        return r.choice([f"{d:02d}.{r.randint(1, 12):02d}.{r.randint(1950, 2030)}  {r.randint(0, 23):02d}:{r.randint(0, 59):02d}",
                         f"Tel. +{r.randint(1, 99)} {r.randint(100, 999)} {r.randint(100, 999)}-{r.randint(10, 99)}-{r.randint(10, 99)}",
                         f"{rnd_code(r)}  {rnd_price(r)}  {rnd_num(r)}  {r.randint(0, 100)}%",
                         " ".join(str(r.randint(0, 99999)) for _ in range(6))])
    if kind == 7:
        ws = [r.choice(LATIN_DIACRITIC_WORDS) for _ in range(4)]
        return f"{ws[0]}, {ws[1]} and {ws[2]} are names; {ws[3]} too."
    if kind == 8:
        return r.choice(CA)
    words = [r.choice(EN_WORDS) for _ in range(r.randint(3, 6))] + [r.choice(RU_WORDS) for _ in range(r.randint(2, 5))]
    words.append(r.choice(RU_CAPS))
    r.shuffle(words)
    return cap(" ".join(words)) + r.choice([".", ",", "!", "?", ":", ";", " -", " —"])


def make(r, n, target_share):
    out = []
    for _ in range(n):
        out.append(target_line(r) if r.random() < target_share else ordinary_line(r))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--lines", type=int, default=600)
    ap.add_argument("--eval-lines", type=int, default=120)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--target-share", type=float, default=0.4)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    train = make(random.Random(a.seed), a.lines, a.target_share)
    ev = make(random.Random(a.seed + 1000), a.eval_lines, 0.6)
    with open(os.path.join(a.out, "train.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(train) + "\n")
    with open(os.path.join(a.out, "eval.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(ev) + "\n")
    with open(os.path.join(a.out, "targets_eval.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(l for l in ev if any(c in TARGETS for c in l)) + "\n")


if __name__ == "__main__":
    main()
