"""Relation extraction: the ``newskg_relation_extractor`` spaCy component and the readers it runs.

Reads the dependency parse with the lexicon of ``ontology/relations.yaml`` (trigger verbs and event nouns per
relation, compiled by :mod:`kg.lexicon`) and the title lexicon of ``ontology/gazetteer/titles.yaml``, and writes
``doc._.statements``. One module per part, each a class over one Doc's shared state, importing only the parts
below it (actor reading calls roles and pronouns back through the small protocols of :mod:`kg.extract.resolve`):

* :mod:`~kg.extract.state`: the Doc's actors, mentions, lexicon and dates (:class:`DocState`), the ``Arg`` type;
* :mod:`~kg.extract.composites`: actors named by state and sector ("Iraqi security forces"), places' states;
* :mod:`~kg.extract.resolve`: which actors a word stands for (names, sector nouns, owners, groups), read for
  every word of a sentence into one map before its events, which the readers above only look up;
* :mod:`~kg.extract.roles`: who does what: subjects (shared, controlled, relative), prepositional objects;
* :mod:`~kg.extract.pronouns`: pronouns and the speaker of a quotation;
* :mod:`~kg.extract.statements`: statements from resolved arguments (pairs, own side, mode, confidence, date);
* :mod:`~kg.extract.verbs`, :mod:`~kg.extract.nouns`: trigger verbs and event nouns;
* :mod:`~kg.extract.titles`, :mod:`~kg.extract.constructions`: titles and appositions; inclusions, obligations,
  reactions, receipts, designations;
* :mod:`~kg.extract.reader`: the walk over the sentences; :mod:`~kg.extract.component`: the spaCy component.

What it handles:

* verbs in active and passive voice, with direct and prepositional objects ("was attacked by", "met with");
* event nouns after a light verb ("imposed sanctions on"), with a possessive or modifier as source ("Russia's
  annexation of Crimea", "Russian airstrikes on Aleppo") and hyphenated pairs ("the EU-Turkey deal");
* coordination on either side, "X and Y met" as a symmetric relation, subjects shared through ``xcomp``/``conj``
  and relative clauses;
* targets behind nouns that name no actor ("a suspension of trade with Morocco"), in a purpose clause ("fired
  shots to disperse the crowd"), or a place's state ("shelled a depot in Lima"); reported speech attributed
  to the speaker; a deed whose means but no doer is named ("a roadside bomb killed") done by unidentified
  attackers; deeds with no target aimed at one's own side (protesters at their government, a government easing
  a curfew at its people);
* modality (negated, future, hypothetical) from negation, auxiliaries, governing verbs, ``if`` clauses, noun
  adjectives and nouns an infinitive completes ("the right to fire"); threats from deeds announced "unless";
  allies from joint deeds; membership ("as part of"); reactions ("appalled by the attack by X" accuses X);
* confidence from the lexicon's strength, the linking certainty, distance, and the clause the deed is told in
  (main clause > embedded clause > aim of another deed > topic of a noun);
* titles and appositions as ``leaderOf``/``officialOf`` ("Chilean President Michelle Bachelet", "Anders
  Fogh Rasmussen, NATO's secretary general");
* the event's date from a date phrase in the clause, resolved against the article's date.
"""

from kg.extract.component import RelationExtractor, make_relation_extractor

__all__ = ["RelationExtractor", "make_relation_extractor"]
