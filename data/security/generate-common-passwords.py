#!/usr/bin/env python3
"""Writes common-passwords.txt beside this script.

Run on Debian with `apt-get install wamerican-small`:
    python3 data/security/generate-common-passwords.py
The list is committed; the server reads it, never this script.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
DICTIONARY = "/usr/share/dict/american-english-small"

# Passwords and password bases that head every published list of leaked
# passwords, written from general knowledge (no list was downloaded), plus
# the words of this product and of the conventions it reports to.
CURATED = """
password passw0rd p@ssword p@ssw0rd pass pass123 password1 letmein welcome welcome1 changeme default secret
admin administrator root user guest login master test tester testing demo sample example temp temporary
iloveyou loveyou lovely love trustno1 whatever nothing something anything everything freedom liberty
sunshine princess prince dragon monkey shadow superman batman spiderman starwars pokemon naruto
football baseball basketball soccer hockey tennis golfer cricket rugby chelsea arsenal liverpool barcelona
realmadrid juventus manchester united yankees cowboys lakers steelers
michael jennifer jessica ashley daniel thomas charlie jordan robert matthew joshua andrew william
anthony nicole michelle amanda melissa hannah andrea maria jose carlos juan david sophie nicolas
pierre camille julien laura sarah james george harry oliver jack emily chloe lucas hugo marie
computer internet google samsung apple iphone android windows microsoft facebook twitter instagram
youtube linkedin amazon netflix hello hello123 hellokitty kitty flower flowers butterfly rainbow
summer winter spring autumn monday friday sunday january february december
money diamond silver golden gold blessed blessing jesus christ angel angels heaven lucky lucky7
cookie cheese chocolate banana orange pepper ginger tigger tiger lion eagle falcon phoenix
matrix killer hunter ranger soldier warrior ninja zombie maverick mustang ferrari porsche mercedes
qwerty qwertyuiop azerty azertyuiop qwertz asdfgh asdfghjkl zxcvbn zxcvbnm qazwsx qazwsxedc
abc123 abcdef abcdefgh abcdefghijkl abcabc aaaaaa zzzzzz
motdepasse bonjour soleil doudou chouchou loulou marseille paris france
contrasena contraseña hola amor teamo tequiero mexico espana argentina colombia
woaini iloveu aini 5201314 1314520 woaini1314 zhongguo beijing shanghai
synergia biodiversity biodiversite biodiversidad nature natural environment environnement ambiente
planet earth forest forests ocean oceans wetland wetlands species wildlife ecosystem climate
convention conventions ministry ministere ministerio secretariat focalpoint focal report reporting
national country government office workspace cbd cites cms ramsar unccd unesco unep iucn
"""

KEYBOARD_ROWS = [
    "1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm",
    "azertyuiop", "qsdfghjklm", "wxcvbn", "qwertzuiop", "yxcvbnm",
    "1qaz2wsx3edc4rfv5tgb", "zaq12wsxcde3", "qazwsxedcrfv", "!qaz@wsx#edc",
    "1q2w3e4r5t6y", "q1w2e3r4t5y6", "a1b2c3d4e5f6", "abcdefghijklmnop",
]


def keyboard_walks():
    for row in KEYBOARD_ROWS:
        for text in (row, row[::-1]):
            for start in range(len(text)):
                for end in range(start + 4, len(text) + 1):
                    yield text[start:end]


def digit_patterns():
    digits = "01234567890123456789"
    for start in range(10):
        for length in range(6, 17):
            yield digits[start:start + length]
            yield digits[start:start + length][::-1]
    for d in "0123456789":
        for length in range(6, 17):
            yield d * length
    for unit in ("12", "123", "1234", "12345", "123456", "abc", "abc123", "qwe", "asd", "pass", "love"):
        for times in range(2, 6):
            yield unit * times
    for year in range(1940, 2036):
        yield str(year) * 3


def dictionary_words():
    words = [w.strip() for w in open(DICTIONARY, encoding="utf-8")]
    words = [w for w in words if w.isascii() and w.isalpha() and w.islower()]
    known = set(words)

    def inflected(w):
        for suffix in ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "est", "ness", "ment", "ments", "ies", "ied",
                       "ings", "able", "ful", "less", "ism", "ist", "ists", "ity", "ion", "ions"):
            if w.endswith(suffix):
                stem = w[:-len(suffix)]
                if stem in known or stem + "e" in known or (suffix in ("ies", "ied") and stem + "y" in known):
                    return True
                if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in known:
                    return True
        return False

    return [w for w in words if 4 <= len(w) <= 10 and not inflected(w)]


def main():
    curated = CURATED.split()
    entries = set(curated)
    entries.update(word + word for word in curated if len(word) <= 8)
    entries.update(keyboard_walks())
    entries.update(digit_patterns())
    entries.update(dictionary_words())
    entries = sorted(e.lower() for e in entries if e.strip())
    header = f"""# Common passwords: Synergia refuses a new password whose lowercased form is
# listed here, or that is a listed word with only digits or symbols before or
# after it (Password123!, 2024dragon), or such a word with digits or symbols
# standing for letters (p@ssw0rd). See PasswordRules and CommonPasswords.
#
# Made by generate-common-passwords.py (beside this file), from:
# - passwords and password bases that head published lists of leaked
#   passwords, written from general knowledge, in English, French, Spanish and
#   Chinese pinyin, plus the words of this product and of the conventions it
#   reports to; each also doubled (passwordpassword);
# - keyboard walks of QWERTY, AZERTY and QWERTZ rows and columns (4 keys or
#   more, both directions), digit runs, repeated digits and repeated patterns;
# - the base forms of 4 to 10 letters of Debian's wamerican-small word list
#   (SCOWL), which covers single dictionary words with digits added
#   (elephant2024). SCOWL is Copyright 2000-2011 by Kevin Atkinson and others,
#   who grant permission to use, copy, modify, distribute and sell the word
#   lists and the output created from them for any purpose, without fee,
#   provided this copyright notice appears in all copies.
# {len(entries)} entries, one a line, lowercase.
"""
    with open(os.path.join(HERE, "common-passwords.txt"), "w", encoding="utf-8") as out:
        out.write(header)
        for entry in entries:
            out.write(entry + "\n")


if __name__ == "__main__":
    main()
