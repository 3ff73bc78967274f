#!/usr/bin/env python3
"""Generates the demo mail corpus (examples/mail/*.eml), deterministically.

Run from anywhere: python3 examples/mail/generate_corpus.py
The output is committed; re-running it rewrites the same files byte for byte.

The corpus: outbound mail from senders of the two managed demo domains (example.com, example.org),
some of it to partner.example (whose certificates the demo harvests from inbound signed mail it
generates at run time, so that later mail to them is encrypted), mail from unmanaged domains, and a
couple of malformed messages that must end in the rejected folder with a reason.
"""
import os
import random
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261123)

FIRST = ["Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hugo", "Ida", "Jonas", "Karla", "Leon",
         "Mia", "Noah", "Olga", "Paul", "Quinn", "Rosa", "Simon", "Tara", "Uwe", "Vera", "Walter", "Xenia",
         "Yusuf", "Zoe", "Amir", "Bea", "Carlos", "Dana", "Emil", "Fatima", "Georg", "Hanna", "Ivan", "Julia",
         "Kai", "Lena", "Marek", "Nina", "Oskar", "Petra", "Rafael", "Sofia"]
LAST = ["Adler", "Becker", "Costa", "Dietrich", "Engel", "Fischer", "Graf", "Hoffmann", "Iversen", "Jung",
        "Keller", "Lang", "Meyer", "Novak", "Ortiz", "Peters", "Quast", "Richter", "Schulz", "Thomsen",
        "Ulrich", "Vogel", "Wagner", "Yilmaz", "Zimmer", "Arnold", "Brandt", "Conrad", "Dorn", "Ernst",
        "Frank", "Gross", "Hahn", "Imhof", "Jansen", "Kuhn", "Lorenz", "Maier", "Neumann", "Otto", "Pohl",
        "Roth", "Sauer", "Tews"]

MANAGED = ["example.com", "example.org"]
UNMANAGED = ["example.net", "mail.example", "corp.test"]
PARTNERS = ["alice.partner@partner.example", "carol.partner@partner.example", "dave.partner@partner.example"]

SUBJECTS = ["Quarterly report", "Meeting on Thursday", "Invoice {n}", "Re: project timeline", "Contract draft",
            "Travel plans", "Lunch?", "Updated figures", "Minutes of today's call", "Access request",
            "Holiday schedule", "Re: budget question", "Offer {n}", "Shipping confirmation", "Follow-up"]
BODIES = [
    "Hello {to},\n\nplease find the numbers for {topic} below. Revenue is up {p} percent on last quarter.\n\nBest regards,\n{name}\n",
    "Hi {to},\n\ncan we move our meeting about {topic} to Thursday at {h}:00? The room on the second floor is free.\n\nThanks,\n{name}\n",
    "Dear {to},\n\nattached in the text below is the draft for {topic}. Comments are welcome until Friday.\n\n1. Scope\n2. Timeline\n3. Costs\n\nKind regards,\n{name}\n",
    "{to},\n\nquick note: {topic} is done. Ticket #{n} can be closed.\n\n{name}\n",
]
TOPICS = ["the Hamburg office", "the Q3 review", "the supplier audit", "the new website", "the cloud migration",
          "the customer workshop", "the annual report", "the security training"]


def person(i):
    return FIRST[i % len(FIRST)], LAST[(i * 7 + i // len(FIRST)) % len(LAST)]


def address(first, last, domain):
    return f"{first.lower()}.{last.lower()}@{domain}"


# 48 managed senders (24 per domain), 8 unmanaged senders
managed = []
for i in range(48):
    first, last = person(i)
    managed.append((f"{first} {last}", address(first, last, MANAGED[i % 2])))
unmanaged = []
for i in range(8):
    first, last = person(i + 13)
    unmanaged.append((f"{first} {last}", address(first, last, UNMANAGED[i % len(UNMANAGED)])))

start = datetime(2026, 11, 2, 8, 0, tzinfo=timezone.utc)


def message(n, frm, to_list, subject, body, html):
    date = (start + timedelta(minutes=17 * n)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    domain = frm[1].split("@")[1]
    to_hdr = ", ".join(f"{name} <{addr}>" if name else addr for name, addr in to_list)
    lines = [
        f"From: {frm[0]} <{frm[1]}>",
        f"To: {to_hdr}",
        f"Subject: {subject}",
        f"Date: {date}",
        f"Message-ID: <demo-{n:04d}@{domain}>",
        "MIME-Version: 1.0",
    ]
    if html:
        boundary = f"----=_demo_{n:04d}"
        html_body = "<html><body>" + "".join(f"<p>{p}</p>" for p in body.strip().split("\n\n")) + "</body></html>"
        lines += [f'Content-Type: multipart/alternative; boundary="{boundary}"', "",
                  f"--{boundary}", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "",
                  body, f"--{boundary}", "Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: 8bit", "",
                  html_body, f"--{boundary}--", ""]
    else:
        lines += ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "", body]
    return "\r\n".join(lines).replace("\r\n\n", "\r\n").replace("\n", "\r\n").replace("\r\r\n", "\r\n")


def recipients(exclude):
    count = rng.choice([1, 1, 1, 2, 3])
    pool = [m for m in managed if m[1] != exclude] + unmanaged
    return rng.sample(pool, count)


def render(n, frm, to_list):
    subject = rng.choice(SUBJECTS).format(n=1000 + n)
    to_first = to_list[0][0].split(" ")[0] if to_list[0][0] else "all"
    body = rng.choice(BODIES).format(to=to_first, topic=rng.choice(TOPICS), p=rng.randint(2, 19),
                                     h=rng.randint(9, 16), n=4000 + n, name=frm[0])
    return message(n, frm, to_list, subject, body, html=(n % 5 == 0))


def write(name, text):
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as f:
        f.write(text)


for old in os.listdir(HERE):
    if old.endswith(".eml"):
        os.remove(os.path.join(HERE, old))

n = 0
# every managed sender mails at least three times
for frm in managed:
    for _ in range(3):
        n += 1
        write(f"{n:04d}-outbound.eml", render(n, frm, recipients(frm[1])))
# outbound mail to partners (encrypted once their certificates are harvested)
for i in range(30):
    n += 1
    frm = managed[(i * 5) % len(managed)]
    partner = PARTNERS[i % len(PARTNERS)]
    write(f"{n:04d}-to-partner.eml", render(n, frm, [("", partner)]))
# more outbound mail from a busy subset
for i in range(25):
    n += 1
    frm = managed[rng.randrange(len(managed))]
    write(f"{n:04d}-outbound.eml", render(n, frm, recipients(frm[1])))
# mail from unmanaged domains: passed on unchanged
for i in range(16):
    n += 1
    frm = unmanaged[i % len(unmanaged)]
    write(f"{n:04d}-unmanaged.eml", render(n, frm, [managed[rng.randrange(len(managed))]]))
# malformed: must be rejected with a reason
n += 1
write(f"{n:04d}-malformed-no-from.eml",
      "To: anna.adler@example.com\r\nSubject: no sender\r\nDate: Mon, 02 Nov 2026 10:00:00 +0000\r\n\r\nThis message has no From header.\r\n")
n += 1
write(f"{n:04d}-malformed-bad-from.eml",
      "From: not an address at all <<<\r\nTo: ben.becker@example.org\r\nSubject: broken sender\r\n\r\nThe From header cannot be parsed.\r\n")
n += 1
write(f"{n:04d}-malformed-garbage.eml", "\x00\x01\x02 this is not a mail message \xff\r\n")
print(f"wrote {n} messages to {HERE}")
