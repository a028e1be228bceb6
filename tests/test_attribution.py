"""Quotes and who said them: the `attribution` rules and the quote extraction API.

Each defective article has a correct twin written the way careful reporters write: the
twins must stay silent (precision first), the defects must be reported on the quote's
own span with the attribution found in the finding's data.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SEEDS, SHARED, lint_json, run_cli
from linter.document import Document
from linter.quotes import SCARE, SPEECH, TITLE, extract_quotes, quotes_by

# ----- well-attributed articles: every quote has a named speaker -------------------

COUNCIL = """City council approves riverfront housing plan after marathon session
The Lakeside city council voted 7-2 late on Tuesday to approve a $240 million housing development along the old industrial riverfront, ending two years of debate.
"This is the most important vote this council has taken in a decade," Mayor Ana Ruiz said after the meeting. "We are finally building homes people can afford."
Council member Tom Becker, who voted against the plan, said the city had moved too fast. "We owe residents a proper traffic study before a single shovel goes into the ground," he said.
The developer, Northgate Partners, said in a statement that construction would begin in the spring. "We are grateful for the council's trust and we intend to earn it," the company said.
Residents who packed the chamber were divided. "My rent has doubled in five years," said Maria Gonzalez, a nurse who has lived in the neighbourhood since 2009. "Anything that adds housing is welcome."
Others were less convinced. Local shop owner Dev Patel told reporters: "Nobody asked the people who actually work here what they need."
According to the city's planning director, Laura Kim, "the first residents could move in by the summer of 2027."
The plan includes 1,200 apartments, a quarter of them priced below market rate, and a public park along the water.
"""

STORM = """Storm leaves thousands without power across the coast
More than 40,000 homes were without electricity on Sunday after a powerful storm swept along the coast overnight, uprooting trees and flooding roads.
‘We have crews working around the clock,’ said Helen Marsh, a spokeswoman for the regional utility. ‘Most customers should be reconnected by Tuesday evening.’
The national weather service had issued a warning on Friday. Its chief forecaster, Peter Lund, described the storm as ‘one of the strongest we have seen this late in the season’.
Emergency services received more than 900 calls. The fire brigade said it had rescued 14 people from cars trapped in floodwater.
“It looked like the sea had come into the town,” recalled Sarah O’Neill, who runs a café on the seafront.
“The water reached the second step of the church. My father is 82 and he says he has never seen anything like it.
“We were lucky. Others lost everything,” she added.
The so-called “hundred-year flood” defences held in most places, although the promenade was damaged.
Forecasters expect calmer weather by midweek.
"""

STRIKE = """Workers at the Riverside plant walk out over pay
Hundreds of workers at the Riverside car plant walked off the job on Thursday, the first strike at the factory in more than 20 years.
“We have been patient for three years. We are not patient any more,” said union organiser Kelly Dunn, standing outside the main gate with a megaphone.
The company said it had offered a 4 percent raise. In an emailed statement, a spokeswoman wrote: “We remain at the table and we hope to reach an agreement soon.”
Dunn dismissed the offer. “Four percent does not cover the rent increases our members have seen,” she told reporters.
Asked whether the strike could spread to other plants, she replied: “That depends on management.”
Economists warned that a long stoppage would hit suppliers. “Every day the line is down costs the region millions,” said Priya Nair, an economist at the State University.
Protesters carried signs reading “Fair pay now” and chanted “Whose plant? Our plant!”
The company’s chief executive, Mark Stein, called the strike “regrettable” and “unnecessary.”
“I respect the right to strike,” Stein said in a video message to staff. “But I also have a duty to keep this business healthy.”
Talks are scheduled to resume on Monday.
"""

SCIENCE = """Scientists find ancient forest under glacier
An international team of researchers has discovered the remains of a forest buried beneath a retreating glacier in the Alps.
“This tells us the glacier was much smaller than today at that time,” said Dr. Anna Keller, a glaciologist at the University of Bern who led the study. “It is a natural archive of past climate.”
Other scientists welcomed the work. Professor James Okafor of Imperial College London, who was not involved in the research, said the discovery was “a remarkable window into the past.”
He added: “What is striking is how quickly the conditions changed. That should make us think about what is happening now.”
“We expect to find more,” Keller said.
The study, titled “Holocene Forests Beneath Alpine Ice”, was funded by the Swiss National Science Foundation.
"""

RESIGNATION = """Minister resigns over housing scandal
Housing Minister Peter Vance resigned on Friday, days after reports that his department had ignored warnings about unsafe buildings.
In a letter to the prime minister, Vance wrote that he took “full responsibility” for the failings. “I have let down the people who trusted us to keep them safe,” the letter said.
Prime Minister Clara Holt accepted the resignation. “Peter has done the honourable thing,” she said in a statement. “Now we must make sure this never happens again.”
“This government knew and did nothing,” opposition leader Sam Ortiz told the BBC. “One resignation does not fix a broken system.”
Maria Lopez, who leads the Riverside Tenants Association, said:
“We have been raising these concerns since 2019. Every letter we sent was ignored.
“We want answers, and we want them in public.”
Holt later praised “the courage of the tenants who spoke out” and promised a public inquiry.
“Nobody should have to fight this hard to be heard.”
The interior ministry said it would review every building inspected since 2015. “No family should go to sleep afraid of the walls around them,” the ministry said.
"""

SUMMIT = """Leaders pledge to cut methane at summit
European and Asian leaders agreed on Thursday to cut methane emissions by a third by 2030, the first binding target of its kind.
«Ce n’est qu’un début», said French President Claire Moreau, using a phrase from 1968. «We will hold each other to account.»
German Environment Minister Lukas Brandt called the deal „a turning point for the energy sector“ and said: „Nobody can pretend any more that methane is a side issue.“
“We came here to get a number, and we got one.” — Akira Sato, Japan’s climate envoy
India voiced “serious reservations” about the timeline but signed the declaration.
The agreement, known as the “Geneva Methane Pledge”, will be reviewed every two years.
"""

BANK_MD = """---
title: Central bank holds rates steady
date: 2025-03-12
---

# Central bank holds rates steady as inflation cools

The central bank kept its benchmark interest rate at 4.25 percent on Wednesday, saying
inflation was falling faster than expected but that it wanted more evidence before cutting.

Governor Maria Lindqvist told a news conference that the board had discussed a cut.
"We are not there yet," she said. "But the direction of travel is clear, and markets
understand that."

In its statement, the bank said:

> Inflation has declined for six consecutive months and is expected to reach the target
> by the end of the year. The board will assess incoming data at each meeting.

Economists had widely expected the decision. "The bank is buying time," said Jonas Berg,
chief economist at Nordbank. "A cut in June now looks like the base case."

> "Patience now will pay off later."
> — Maria Lindqvist, governor

The next meeting is on May 7, when the bank publishes its report, titled "Monetary Policy Outlook".
"""

BORDER = """Ministry tightens border controls after clashes
The Interior Ministry announced new checkpoints along the northern border on Monday after two nights of clashes between smugglers and police.
"We will not tolerate violence against our officers," officials said, adding that 300 additional guards would be deployed.
Defence Ministry officials said the army would support the police. "The border will be secured within a week," the officials said.
"""

SPORT = """United snatch late winner to go top
Manchester United moved to the top of the table with a dramatic 2-1 win over Leeds on Saturday, substitute Jamie Cole heading in the winner in the 94th minute.
"I just closed my eyes and hoped for the best," Cole said afterwards. "It's a dream. I've been waiting for a moment like this all season."
Manager Erik Hansen praised his side's resilience. "We never stopped believing," he said. "Even when we were behind, you could see the players wanted it more."
Leeds had led through a first-half penalty from Marco Silva, and their manager was left fuming at the officiating.
"The penalty decision for their equaliser was a joke," said Leeds boss Tony Ward. "I've watched it ten times and it is never a foul. We will be writing to the league."
Asked about his side's form, Ward added: "We have to keep going. There are still 12 games left."
The win takes United two points clear of Arsenal, who play Chelsea on Sunday.
'It was a special afternoon,' club captain Harry Moss told the BBC. 'The fans were incredible.'
Hansen, asked whether the title was now United's to lose, smiled. "Let's not get carried away."
"""

FEATURE = """The last lighthouse keeper
For 40 years, Margaret Hale climbed the 112 steps of the Point Reyes light every evening. She still remembers the first time.
"I was 23 and terrified of heights," she says, laughing. "My husband had to walk up behind me."
Her late husband, Tom, took the job in 1968. When he died in 1989, she stayed on.
'People thought I was mad,' she recalls. 'A woman alone on a cliff. But I never felt alone. The light was company.'
The lighthouse was automated in 2008. Hale, now 79, lives in a cottage a mile down the road.
"You don't stop listening for the foghorn," she said. "Some nights I still wake up at two in the morning and think, is it on?"
Her neighbour, retired fisherman Bill Sayers, has known her for decades. "Margaret kept more boats off those rocks than anybody will ever know," he said.
Hale is less sentimental. "It was a job. I did it."
She has written a memoir, "Keeper of the Light," due out next spring.
"""

BUSINESS = """Tech giant cuts 10,000 jobs as AI spending soars
The company will cut about 10,000 jobs, or 5% of its workforce, chief executive Sarah Lin announced in a memo to staff on Wednesday.
"These are difficult decisions, but they are necessary to position us for the future," Lin wrote. "We are making these changes in the most respectful way we can."
Shares rose 3% in early trading. Analysts at Morgan Stanley said the cuts would save about $2 billion a year.
"The market is rewarding discipline," said Dan Ives, an analyst at Wedbush Securities. "Investors want to see that AI spending is not a blank cheque."
The company said affected employees would receive 16 weeks of severance pay.
Not everyone was convinced. "They are cutting people to pay for data centres," one engineer wrote on an internal message board, according to screenshots seen by this newspaper.
The layoffs follow similar moves at rivals. Last month, a rival announced 6,000 job cuts, saying it needed to "streamline" its operations.
"""

# Plain text hard-wrapped inside a quote: the attribution is on the next line.
WRAPPED = """Mayor Ana Ruiz spoke after the vote. "This is the most important vote this
council has taken in a decade," she said. "We are finally building homes."
The plan includes 1,200 apartments.
"""

CLEAN = {
    "council.txt": COUNCIL, "storm.txt": STORM, "strike.txt": STRIKE, "science.txt": SCIENCE,
    "resignation.txt": RESIGNATION, "summit.txt": SUMMIT, "bank.md": BANK_MD, "border.txt": BORDER,
    "sport.txt": SPORT, "feature.txt": FEATURE, "business.txt": BUSINESS, "wrapped.txt": WRAPPED,
}

# ----- defective twins: (article, [(rule suffix, opening words of the quote)]) -------

COUNCIL_BAD = """City council approves riverfront housing plan after marathon session
The Lakeside city council voted 7-2 late on Tuesday to approve a $240 million housing development along the old industrial riverfront, ending two years of debate.
"This is the most important vote this council has taken in a decade. We are finally building homes people can afford."
The plan includes 1,200 apartments, a quarter of them priced below market rate, and a public park along the water.
"The development will transform the waterfront," official sources said on Wednesday.
A source close to the developer said the financing was not yet complete. "The banks are nervous and the numbers keep moving."
"Nobody has seen the contracts," people familiar with the negotiations told the newspaper.
"""

STORM_BAD = """Storm leaves thousands without power across the coast
More than 40,000 homes were without electricity on Sunday after a powerful storm swept along the coast overnight.
‘Most customers should be reconnected by Tuesday evening, but some rural lines will take longer.’
Emergency services received more than 900 calls.
“The water reached the second step of the church. Nobody here has seen anything like it.
“We were lucky. Others lost everything.”
“It was the worst storm in living memory,” observers said.
The so-called “hundred-year flood” defences held in most places.
"""

SUMMIT_BAD = """Leaders pledge to cut methane at summit
European and Asian leaders agreed on Thursday to cut methane emissions by a third by 2030.
«Nous tiendrons chacun nos engagements, et nous le ferons ensemble.»
„Nobody can pretend any more that methane is a side issue for the energy sector.“
“We came here to get a number, and we got one,” U.S. officials told the delegations, according to a person familiar with the talks.
It is believed the pledge was drafted overnight. “The text changed four times before dawn.”
India voiced “serious reservations” about the timeline but signed the declaration.
"""

BANK_BAD_MD = """# Central bank holds rates steady as inflation cools

The central bank kept its benchmark interest rate at 4.25 percent on Wednesday.

> Inflation has declined for six consecutive months and is expected to reach the target
> by the end of the year. The board will assess incoming data at each meeting.

The krona was little changed after the announcement.

"Markets have already priced in two cuts this year, and the bank is behind the curve,"
experts say.
"""

# A wire story quoting an anonymous official: named people elsewhere do not name him.
WIRE = """WASHINGTON (AP) — The Senate passed a $95 billion aid package on Tuesday after months of delays, sending the measure to the House where its fate remains uncertain.
The 70-29 vote came after a rare overnight session. Senate Majority Leader Chuck Schumer called the bill "one of the most consequential" the chamber had passed in years.
"Today, we send a clear message to our allies and our adversaries alike," Schumer said on the Senate floor. "America will not turn its back."
Republican opponents argued the bill did too little to address the southern border. "This is not a serious piece of legislation," said Sen. Rand Paul of Kentucky, who led efforts to slow its passage.
House Speaker Mike Johnson signaled he would not bring the bill to a vote quickly. In a statement Monday night, Johnson said: "The House will have to continue to work its own will on these important matters."
The White House urged quick action. "Every day that goes by without this aid is a day of danger," White House press secretary Karine Jean-Pierre told reporters.
The package includes $60 billion for Ukraine and $14 billion for Israel.
A senior administration official, speaking on condition of anonymity to discuss private conversations, said the president had personally called several House Republicans. "He made the case directly," the official said.
"""

# Anonymous singulars; a named firm in the paragraph before does not name the diplomat.
TALKS_BAD = """Talks stall over border deal
Negotiators failed to agree on the final text on Friday.
"We are further apart than we were a week ago," one insider said.
"Nobody wants to be the one who blinks first," an analyst at Morgan Stanley said.
"The mood in the room was terrible," a Western diplomat told reporters.
"""

DEFECTS = {
    "council_bad.txt": (COUNCIL_BAD, [
        ("unattributed-quote", '"This is the most important vote'),
        ("vague-source", '"The development will transform'),
        ("vague-source", '"The banks are nervous'),
        ("vague-source", '"Nobody has seen the contracts'),
    ]),
    "storm_bad.txt": (STORM_BAD, [
        ("unattributed-quote", "‘Most customers should be reconnected"),
        ("unattributed-quote", "“The water reached the second step"),
        ("vague-source", "“It was the worst storm"),
    ]),
    "summit_bad.txt": (SUMMIT_BAD, [
        ("unattributed-quote", "«Nous tiendrons"),
        ("unattributed-quote", "„Nobody can pretend"),
        ("vague-source", "“We came here to get a number"),
        ("vague-source", "“The text changed four times"),
    ]),
    "wire.txt": (WIRE, [("vague-source", "\"He made the case directly")]),
    "talks_bad.txt": (TALKS_BAD, [
        ("vague-source", '"We are further apart'),
        ("vague-source", '"The mood in the room'),
    ]),
    "bank_bad.md": (BANK_BAD_MD, [
        ("unattributed-quote", "Inflation has declined"),
        ("vague-source", '"Markets have already priced in'),
    ]),
}


def _write(folder: Path, articles: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")


def _attribution(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["category"] == "attribution"]


def test_well_attributed_articles_stay_silent(tmp_path: Path):
    _write(tmp_path / "clean", CLEAN)
    findings = _attribution(lint_json("--select", "attribution", "clean", cwd=tmp_path))
    assert findings == [], [(f["path"], f["match"][:60], f["data"]) for f in findings]


def test_defective_twins_report_each_quote_on_its_own_span(tmp_path: Path):
    _write(tmp_path / "bad", {name: text for name, (text, _) in DEFECTS.items()})
    findings = _attribution(lint_json("--select", "attribution", "bad", cwd=tmp_path))
    got = sorted((Path(f["path"]).name, f["rule"], f["match"]) for f in findings)
    want = []
    for name, (text, expected) in DEFECTS.items():
        doc = Document.from_text(text, name)
        spans = {q.start: q for q in extract_quotes(doc)}
        for rule, opening in expected:
            start = text.index(opening)
            quote = spans[start]
            want.append((name, f"attribution.{rule}", text[quote.start:quote.end]))
    assert got == sorted(want)


def test_findings_carry_the_attribution_found(tmp_path: Path):
    _write(tmp_path / "bad", {"council_bad.txt": COUNCIL_BAD})
    findings = _attribution(lint_json("--select", "attribution", "bad", cwd=tmp_path))
    by_start = {f["match"][:20]: f for f in findings}
    vague = by_start['"The development wil']
    assert vague["data"]["speaker"] == "official sources"
    assert vague["data"]["cue"] == "said"
    assert "official sources" in vague["message"]
    familiar = by_start['"Nobody has seen the']
    assert familiar["data"]["vague"].lower().startswith("people familiar")
    unattributed = by_start['"This is the most im']
    assert unattributed["data"]["speaker"] is None
    assert unattributed["line"] == 3 and unattributed["column"] == 1
    assert "This is the most important vote" in unattributed["message"]


# ----- the extraction API ------------------------------------------------------------

def _quotes(text: str, name: str = "a.txt") -> dict[str, object]:
    """Quotes keyed by their first three words, for readable assertions."""
    doc = Document.from_text(text, name)
    return {" ".join(q.text.split()[:3]): q for q in extract_quotes(doc)}


def test_extract_quotes_is_computed_once_per_document():
    doc = Document.from_text(COUNCIL, "council.txt")
    first = extract_quotes(doc)
    assert doc.cache["quotes"] is first
    assert extract_quotes(doc) is first
    assert all(q.text and q.end > q.start for q in first)


def test_quotes_by_links_a_person_mention_to_what_they_said():
    doc = Document.from_text(COUNCIL, "council.txt")
    start = COUNCIL.index("Mayor Ana Ruiz")
    said = quotes_by(doc, start, start + len("Mayor Ana Ruiz"))
    assert [q.text for q in said] == ["This is the most important vote this council has taken in a decade,",
                                      "We are finally building homes people can afford."]
    assert quotes_by(doc, 0, 10) == []


def test_speakers_cues_and_pronouns():
    quotes = _quotes(COUNCIL)
    assert quotes["This is the"].speaker == "Mayor Ana Ruiz"
    assert quotes["This is the"].attribution == "said"
    # "he said" resolves to the person named earlier in the paragraph.
    assert quotes["We owe residents"].speaker == "Council member Tom Becker"
    assert quotes["We are grateful"].speaker == "the company"
    assert quotes["My rent has"].speaker == "Maria Gonzalez"
    assert quotes["Nobody asked the"].speaker == "Local shop owner Dev Patel"
    assert quotes["the first residents"].attribution == "according to"
    resignation = _quotes(RESIGNATION)
    assert resignation["Peter has done"].speaker == "Prime Minister Clara Holt"


def test_quote_marks_of_every_style_pair_up():
    summit = _quotes(SUMMIT)
    assert summit["Ce n’est qu’un"].speaker == "French President Claire Moreau"
    assert summit["a turning point"].speaker == "German Environment Minister Lukas Brandt"
    assert summit["Nobody can pretend"].attribution == "colon"
    dash = summit["We came here"]
    assert (dash.attribution, dash.speaker) == ("dash", "Akira Sato")
    storm = _quotes(STORM)
    assert storm["We have crews"].speaker == "Helen Marsh"
    doubled = _quotes("''We will win this fight,'' the governor said on Sunday.\n"
                      "``Nobody is above the law,’’ she added.\n")
    assert doubled["We will win"].text == "We will win this fight,"
    assert doubled["Nobody is above"].speaker == "the governor"
    # Apostrophes (O’Neill, café owners' words) never open or close a quote.
    assert all("’s" not in key for key in storm)


def test_quote_running_over_paragraphs_is_one_quote():
    storm = _quotes(STORM)
    running = storm["The water reached"]
    assert "Others lost everything" in running.text
    assert len(running.parts) == 2
    assert running.speaker == "Sarah O’Neill"
    # A quote-only paragraph continues the speaker quoted in the paragraph before.
    assert _quotes(RESIGNATION)["Nobody should have"].speaker == "Holt"
    tenants = _quotes(RESIGNATION)["We have been"]
    assert len(tenants.parts) == 2 and tenants.speaker == "Maria Lopez"
    wrapped = _quotes(WRAPPED)["This is the"]
    assert "council has taken" in wrapped.text and wrapped.speaker == "Mayor Ana Ruiz"


def test_a_lead_in_quote_is_attributed_by_the_sentence_after_it():
    lead = _quotes("“We were lucky. Others lost everything in one night.”\n"
                   "That is how Sarah Lee, who runs a cafe on the seafront, describes the storm.\n")
    assert lead["We were lucky."].speaker == "Sarah Lee"
    floating = _quotes("“We were lucky. Others lost everything in one night.”\n"
                       "The storm destroyed 40 homes on the seafront.\n")
    assert floating["We were lucky."].speaker is None


def test_embedded_post_credit_and_speaker_earlier_in_the_paragraph_before():
    embed = _quotes("Officials welcomed the move.\n“We are proud to host the new embassy in our capital.” "
                    "pic.twitter.com/abc123 — Ministry of Foreign Affairs (@MoFA) July 3, 2025\n")
    assert embed["We are proud"].speaker == "Ministry of Foreign Affairs"
    earlier = _quotes("Vote ends strike\nUnion leader Kelly Dunn said the vote was a turning point. "
                      "The union had waited years for it.\n“This is our moment, and nobody can take it from us.”\n")
    assert earlier["This is our"].speaker == "Union leader Kelly Dunn"


def test_headline_quote_before_a_colon_is_attributed():
    heads = _quotes("Related\n‘We will not be silenced’: Protesters march in the capital\n")
    assert heads["We will not"].attribution == "colon" and heads["We will not"].speaker == "Protesters"


def test_pronouns_resolve_past_openers_and_colons_introduce():
    feature = _quotes(FEATURE)
    assert feature["I was 23"].speaker == "Margaret Hale"
    assert feature["Keeper of the"].kind == TITLE
    ruling = _quotes("Court strikes down law\nThe ruling is blunt: \"The statute violates the constitution in every respect.\"\n")
    assert ruling["The statute violates"].attribution == "colon"
    sport = _quotes(SPORT)
    assert sport["We have to"].speaker == "Ward"


def test_scare_quotes_titles_and_short_fragments():
    strike = _quotes(STRIKE)
    assert strike["regrettable"].kind == SPEECH and strike["regrettable"].speaker == "The company’s chief executive"
    storm = _quotes(STORM)
    assert storm["hundred-year flood"].kind in (SCARE, TITLE)
    science = _quotes(SCIENCE)
    assert science["Holocene Forests Beneath"].kind == TITLE
    summit = _quotes(SUMMIT)
    assert summit["serious reservations"].kind == SPEECH
    assert summit["serious reservations"].speaker == "India"
    assert summit["Geneva Methane Pledge"].kind in (SCARE, TITLE)
    bare = _quotes("Tourists flock to the “hidden gem” every summer.\n")
    assert bare["hidden gem"].kind == SCARE and bare["hidden gem"].speaker is None


def test_markdown_block_quotes_are_quotes():
    quotes = _quotes(BANK_MD, "bank.md")
    block = quotes["Inflation has declined"]
    assert block.block and block.speaker == "the bank" and block.attribution == "colon"
    pull = quotes["Patience now will"]
    assert (pull.attribution, pull.speaker) == ("dash", "Maria Lindqvist")
    bad = _quotes(BANK_BAD_MD, "bank.md")["Inflation has declined"]
    assert bad.block and bad.speaker is None


def test_body_named_nearby_makes_officials_attributed_but_country_does_not():
    border = _quotes(BORDER)
    assert border["We will not"].vague is None
    assert border["The border will"].vague is None
    summit_bad = _quotes(SUMMIT_BAD)
    assert summit_bad["We came here"].vague is not None


def test_articles_in_other_languages_are_left_alone(tmp_path: Path):
    french = ("Tempête sur la côte\nLes habitants ont été évacués pendant la nuit et les pompiers sont intervenus "
              "à plusieurs reprises dans le port.\n« Nous n’avons jamais vu une telle tempête dans notre région », "
              "a déclaré le maire de la ville, Jean Dupont, en évoquant les dégâts.\n")
    english = ("Storm on the coast\nResidents were evacuated during the night and firefighters were called out "
               "to the harbour several times.\n“We have never seen a storm like this in our region.”\n")
    _write(tmp_path / "lang", {"fr.txt": french, "en.txt": english})
    findings = _attribution(lint_json("--select", "attribution", "lang", cwd=tmp_path))
    assert [(Path(f["path"]).name, f["rule"]) for f in findings] == [("en.txt", "attribution.unattributed-quote")]


# ----- rule packs ----------------------------------------------------------------------

def test_a_house_vague_list_needs_no_code(tmp_path: Path):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "house.yaml").write_text(
        "rules:\n"
        "  - id: house.whispers\n"
        "    category: attribution\n"
        "    level: info\n"
        "    message: \"Gossip source: '{source}'\"\n"
        "    type: quotes\n"
        "    check: vague\n"
        "    phrases: [a little bird]\n",
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text("“The deal is off, and everyone knows it,” a little bird told us.\n", encoding="utf-8")
    report = lint_json("--rules", "house", "--select", "house", "a.txt", cwd=tmp_path)
    assert [(f["rule"], f["message"]) for f in report["findings"]] == [("house.whispers", "Gossip source: 'a little bird'")]


def test_a_bad_check_value_is_a_one_line_error(tmp_path: Path):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "house.yaml").write_text(
        "rules:\n"
        "  - id: house.quotes\n"
        "    category: attribution\n"
        "    level: info\n"
        "    message: m\n"
        "    type: quotes\n"
        "    check: everything\n",
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text("Nothing quoted here.\n", encoding="utf-8")
    result = run_cli("check", "--no-config", "--rules", "house", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "house.yaml:" in result.stderr and "check" in result.stderr
    assert "Traceback" not in result.stderr


def test_each_rule_flags_its_own_bad_example_and_not_its_good_one(tmp_path: Path):
    pack = yaml.safe_load((ROOT / "rules" / "attribution.yaml").read_text(encoding="utf-8"))
    examples = {}
    for rule in pack["rules"]:
        name = rule["id"].split(".")[1]
        examples[f"{name}-bad.txt"] = rule["example"]["bad"] + "\n"
        examples[f"{name}-good.txt"] = rule["example"]["good"] + "\n"
    _write(tmp_path / "examples", examples)
    findings = _attribution(lint_json("--select", "attribution", "examples", cwd=tmp_path))
    got = sorted((Path(f["path"]).name, f["rule"]) for f in findings)
    assert got == sorted((f"{r['id'].split('.')[1]}-bad.txt", r["id"]) for r in pack["rules"])


def test_shipped_rules_are_documented():
    pack = yaml.safe_load((ROOT / "rules" / "attribution.yaml").read_text(encoding="utf-8"))
    ids = {r["id"] for r in pack["rules"]}
    assert ids == {"attribution.unattributed-quote", "attribution.vague-source"}
    for rule in pack["rules"]:
        assert rule["description"] and rule["why"] and rule["example"]["bad"] and rule["example"]["good"]


# ----- the seeds ------------------------------------------------------------------------

GOLD = SHARED / "gold" / "seeds.yaml"


@pytest.mark.skipif(not GOLD.is_file(), reason="shared gold file not available")
def test_seeds_expected_found_and_clean_spans_untouched():
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    report = lint_json("--select", "attribution", str(SEEDS))
    by_file: dict[str, list[dict]] = {}
    for f in _attribution(report):
        by_file.setdefault(Path(f["path"]).name, []).append(f)
    for entry in gold["documents"]:
        text = (SEEDS / entry["file"]).read_text(encoding="utf-8")
        found = by_file.get(entry["file"], [])

        def spans(item: dict) -> tuple[int, int]:
            start = text.index(item["text"])
            return start, start + len(item["text"])

        for item in entry.get("expect") or []:
            if item["category"] == "attribution":
                a, b = spans(item)
                assert any(f["start"] < b and a < f["end"] for f in found), item["text"]
        allowed = [spans(i) for i in (entry.get("expect") or []) + (entry.get("optional") or [])
                   if i["category"] == "attribution"]
        for f in found:
            for item in entry.get("clean") or []:
                a, b = spans(item)
                assert not (f["start"] < b and a < f["end"]), (entry["file"], item["text"])
            assert any(f["start"] < b and a < f["end"] for a, b in allowed), (entry["file"], f["match"][:60])


def test_json_data_is_serialisable_for_every_seed():
    doc_paths = sorted(SEEDS.glob("*.txt"))
    for path in doc_paths:
        doc = Document.from_text(path.read_text(encoding="utf-8"), str(path))
        for q in extract_quotes(doc):
            json.dumps({"speaker": q.speaker, "cue": q.attribution, "vague": q.vague})
            assert q.kind in (SPEECH, SCARE, TITLE)
            if q.speaker_start is not None:
                assert 0 <= q.speaker_start < q.speaker_end <= len(doc.text)


def test_english_share_read_in_thirds_matches_counting_every_word():
    """``_reads_as_english`` stops early; its verdict must be the plain word count's."""
    import random
    from types import SimpleNamespace

    from linter.detectors.quotes import _ENGLISH, _LETTERS_ONLY, _reads_as_english

    def plain(norm: str) -> bool:
        words = norm.encode("utf-8", "surrogatepass").translate(_LETTERS_ONLY).split()
        return len(words) < 20 or sum(map(_ENGLISH.__contains__, words)) >= 0.08 * len(words)

    rng = random.Random(7)
    vocabulary = ["the", "of", "a", "said", "xyz", "über", "qq", "und", "and", "d\u00e9j\u00e0", "z"]
    glue = [" ", "  ", ",", "-", "\n", "1", "", "\u00a0"]
    verdicts = set()
    for _ in range(3000):
        pool = rng.sample(vocabulary, rng.randint(1, len(vocabulary)))
        norm = "".join(rng.choice(pool) + rng.choice(glue) for _ in range(rng.randint(0, 120)))
        doc = SimpleNamespace(language=None, norm=norm)
        assert _reads_as_english(doc) == plain(norm), norm
        verdicts.add(plain(norm))
    assert verdicts == {True, False}
