"""Countries of origin for the demo: shares in Dresden, languages, names and family shapes.

Names are common ones in German-style Latin transliteration; every "A/B/C" lists the spelling
used first and the variants other offices write (Mohammed/Muhammad), which is what client search
and duplicate review must cope with. Combinations are random: no real person is meant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Family shapes: single adult man or woman, couple, couple with children, single parent, and an
# older woman alone (many Ukrainian households).
FAMILY_SHAPES = ("single_m", "single_w", "couple", "family", "single_parent", "elder_w")


@dataclass(frozen=True)
class Origin:
    country: str  # ISO 3166-1 alpha-2
    weight: float  # share among new households
    languages: tuple[tuple[str, float], ...]  # main language codes with weights
    second_language: str | None  # often spoken as well (Russian in Ukraine)
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]
    shapes: tuple[float, ...]  # weights in FAMILY_SHAPES order
    residence: str  # which residence path of demo_people applies
    since: date | None = None  # no arrivals before this day
    gendered_family: bool = False  # Iwanow → Iwanowa


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(","))


ORIGINS = (
    Origin(
        "SY", 22, (("ar", 0.82), ("ku", 0.18)), None,
        male=_names("Mohammed/Muhammad/Mohamad, Ahmad/Ahmed, Omar/Umar, Khaled/Khalid/Chaled, "
                    "Yousef/Yusuf/Youssef, Hassan/Hasan, Ali, Mahmoud/Mahmud, Ibrahim, "
                    "Abdullah/Abdallah, Rami, Samer/Samir"),
        female=_names("Fatima/Fatma, Aisha/Aischa/Ayesha, Rania, Hala, Noor/Nour/Nur, "
                      "Yasmin/Jasmin, Mariam/Maryam, Lina, Rasha/Rascha, Amal, Huda/Hoda"),
        family=_names("Al-Hassan/Alhassan/Al Hasan, Haddad/Hadad, Khalil/Chalil, Saleh/Salih, "
                      "Darwish/Darwisch, Hamdan, Ibrahim, Mustafa/Moustafa, "
                      "Othman/Osman/Uthman, Nasser/Nasir, Al-Ahmad/Alahmad, Sheikho/Scheicho"),
        shapes=(18, 6, 9, 53, 12, 2), residence="syria",
    ),
    Origin(
        "AF", 14, (("prs", 0.6), ("ps", 0.25), ("fa", 0.15)), None,
        male=_names("Ahmad/Ahmed, Mohammad/Mohammed/Muhammad, Alireza/Ali Reza, Mustafa, Hamid, "
                    "Farid, Jawad/Dschawad, Sayed/Sayyid/Said, Rahim, Nasir/Naser"),
        female=_names("Zahra/Sahra, Fatima/Fatema, Maryam/Mariam, Shabnam/Schabnam, Parwana, "
                      "Nilofar/Nilufar, Fereshta/Freshta, Mahbooba/Mahbuba, Sakina/Sakineh"),
        family=_names("Ahmadi, Rahimi, Hussaini/Hosseini/Husaini, Mohammadi, Karimi, Sultani, "
                      "Noori/Nuri, Haidari/Haydari, Amiri, Azizi, Rezai/Rezaei"),
        shapes=(30, 4, 6, 51, 8, 1), residence="afghanistan",
    ),
    Origin(
        "UA", 30, (("uk", 0.7), ("ru", 0.3)), "ru",
        male=_names("Oleksandr/Oleksander/Alexander, Serhii/Serhiy/Sergej, Andrii/Andriy/Andrej, "
                    "Dmytro/Dmitri, Mykola/Nikolai, Volodymyr/Wolodymyr, Ivan/Iwan, Yurii/Jurij"),
        female=_names("Olena/Elena/Jelena, Iryna/Irina, Nataliia/Natalia/Natalija, "
                      "Tetiana/Tatjana/Tetyana, Oksana, Yuliia/Julia/Yulia, "
                      "Kateryna/Katerina/Jekaterina, Anastasiia/Anastasia, Svitlana/Swetlana, "
                      "Mariia/Maria"),
        family=_names("Kovalenko/Kowalenko, Shevchenko/Schewtschenko, Bondarenko, "
                      "Tkachenko/Tkatschenko, Kravchenko/Krawtschenko, Melnyk/Melnik, "
                      "Boiko/Bojko/Boyko, Moroz, Lysenko/Lyssenko, Petrenko, Savchuk/Sawtschuk"),
        shapes=(5, 6, 10, 26, 43, 10), residence="ukraine", since=date(2022, 3, 1),
    ),
    Origin(
        "IQ", 7, (("ar", 0.45), ("ku", 0.35), ("ckb", 0.2)), None,
        male=_names("Hussein/Husain/Hussain, Ali, Ahmed/Ahmad, Kawa, Dilshad/Dilschad, "
                    "Khider/Chider, Saman, Haval/Hawal"),
        female=_names("Zainab/Zaynab/Sainab, Nadia/Nadja, Layla/Leila, Shirin/Schirin, Bahar, "
                      "Nasrin, Jihan/Dschihan"),
        family=_names("Khalaf/Chalaf, Murad/Mourad, Hassan, Qasim/Kassim, Ismail/Ismael, "
                      "Rashid/Raschid, Khudeda/Chudeda, Abdullah"),
        shapes=(22, 5, 8, 53, 11, 1), residence="iraq",
    ),
    Origin(
        "ER", 5, (("ti", 1.0),), None,
        male=_names("Yohannes/Johannes/Yohanes, Tesfay/Tesfai, Mehari, Habtom, Dawit/Dawid, "
                    "Kidane, Filmon, Berhane/Berhan"),
        female=_names("Helen, Selam/Salam, Senait/Senayt, Rahel/Rachel, Lwam/Luam, Mebrat, "
                      "Yordanos/Jordanos, Saba"),
        family=_names("Tesfamariam, Gebremedhin/Gebremedin, Haile/Hayle, Kahsay/Kahsai, "
                      "Weldu/Woldu, Tekle, Berhe, Ghebreab/Gebreab"),
        shapes=(38, 16, 4, 20, 21, 1), residence="eritrea",
    ),
    Origin(
        "IR", 5, (("fa", 0.85), ("ku", 0.15)), None,
        male=_names("Reza/Resa, Amir, Mehdi/Mahdi, Hossein/Hosein, Saeed/Said, Arash/Arasch, "
                    "Babak"),
        female=_names("Maryam/Mariam, Fatemeh/Fatima, Zahra/Sahra, Leila/Layla, Shirin/Schirin, "
                      "Parisa, Sara"),
        family=_names("Hosseini/Husseini, Rezaei/Rezai, Ahmadi, Mohammadi, Karimi, "
                      "Jafari/Dschafari/Djafari, Moradi, Kazemi/Kasemi, Sadeghi/Sadeqi"),
        shapes=(28, 12, 16, 36, 7, 1), residence="iran",
    ),
    Origin(
        "TR", 6, (("tr", 0.55), ("ku", 0.45)), None,
        male=_names("Mehmet/Mehmed, Mustafa, Ahmet/Ahmed, Hüseyin/Huseyin/Hussein, Murat/Murad, "
                    "Emre, Serdar, Baran"),
        female=_names("Ayşe/Ayse/Aysche, Fatma, Zeynep/Zeinep, Elif, Emine, Rojda, Berivan"),
        family=_names("Yılmaz/Yilmaz, Kaya, Demir, Şahin/Sahin/Schahin, Çelik/Celik, "
                      "Aydın/Aydin, Doğan/Dogan, Arslan/Aslan, Özdemir/Oezdemir"),
        shapes=(38, 8, 14, 34, 5, 1), residence="turkey", since=date(2021, 6, 1),
    ),
    Origin(
        "SO", 3, (("so", 1.0),), None,
        male=_names("Abdirahman/Abdurahman, Mohamed/Mohammed, Abdi, Hassan, Farah, Yusuf/Yousuf"),
        female=_names("Hodan, Amina/Aminah, Fadumo/Fatuma, Sahra/Zahra, Hawa, Ifrah, Asha/Aisha"),
        family=_names("Mohamed, Hassan, Abdi, Ali, Farah, Warsame/Warsama, Osman, Jama/Dschama, "
                      "Nur/Noor"),
        shapes=(40, 20, 4, 16, 19, 1), residence="somalia",
    ),
    Origin(
        "RU", 4, (("ru", 1.0),), None,
        male=_names("Alexej/Aleksei/Alexei, Dmitri/Dmitrij, Sergej/Sergei, Magomed/Mahomed, "
                    "Ruslan, Nikolai/Nikolaj"),
        female=_names("Jelena/Elena/Yelena, Olga, Natalja/Natalia, Swetlana/Svetlana, Madina, "
                      "Tatjana/Tatiana"),
        family=_names("Iwanow/Ivanov, Petrow/Petrov, Sokolow/Sokolov, Kusnezow/Kuznetsov, "
                      "Dudajew/Dudaev, Magomedow/Magomedov"),
        shapes=(30, 10, 14, 36, 8, 2), residence="russia", gendered_family=True,
    ),
    Origin(
        "GE", 3, (("ka", 0.8), ("ru", 0.2)), "ru",
        male=_names("Giorgi/Georgi, Davit/David, Levan/Lewan, Irakli, Nika"),
        female=_names("Nino, Tamar/Tamara, Mariam, Ana/Anna, Ketevan/Ketewan"),
        family=_names("Beridze/Beridse, Kapanadze/Kapanadse, Gelashvili/Gelaschwili, "
                      "Tsiklauri/Ziklauri, Maisuradze/Maisuradse"),
        shapes=(36, 12, 16, 30, 4, 2), residence="georgia",
    ),
)  # fmt: skip


def origins_on(day: date) -> list[tuple[Origin, float]]:
    """The origins that could arrive on ``day``, with their weights."""
    return [(o, o.weight) for o in ORIGINS if o.since is None or day >= o.since]


def spellings(entry: str) -> tuple[str, tuple[str, ...]]:
    """The spelling in use and its variants: "Haddad/Hadad" → ("Haddad", ("Hadad",))."""
    first, *others = entry.split("/")
    return first, tuple(others)


def female_family(entry: str) -> str:
    """The female form of a Russian surname in every spelling: Iwanow/Ivanov → Iwanowa/Ivanova."""
    return "/".join(f"{name}a" for name in entry.split("/"))
