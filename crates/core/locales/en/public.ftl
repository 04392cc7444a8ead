# The public pages of developments, sources, quotes, concerns,
# recommendations, actors and occasions; kinds of record on search hits.

public-kind-commitment = Commitment
public-kind-development = Development
public-kind-source = Source
public-kind-quote = Quote
public-kind-concern = Concern
public-kind-recommendation = Recommendation
public-kind-actor = Actor
public-kind-occasion = Occasion

## Facts about a record.
public-fact-publisher = Publisher
public-fact-author = Author
public-fact-language = Language
public-fact-file = File
public-fact-speaker = Speaker
public-fact-source = Source
public-fact-locator = Where in the source
public-fact-themes = Themes
public-fact-priority = Priority
public-fact-responsible = Addressed to
public-fact-proposed-by = Recommended by
public-fact-occasion = Occasion
public-fact-response = Response
public-fact-kind = Kind
public-fact-short-name = Short name
public-fact-country = Country code
public-fact-roles = Roles
public-fact-place = Place
public-fact-organiser = Organised by

## Values of the facts that are choices.
public-value-state = State
public-value-institution = Institution
public-value-person = Person
public-value-organisation = Organisation
public-value-conference = Conference
public-value-session = Session
public-value-speech = Speech
public-value-letter = Letter
public-value-report = Report
public-value-other = Other
public-value-supported = Supported
public-value-noted = Noted
public-value-pending = Not answered yet

## Lists of related records.
public-section-commitments = Commitments
public-section-concerns = Concerns
public-section-sources = Sources
public-section-quotes = Quotes
public-section-developments = Developments
public-section-recommendations-citing = Recommendations citing it
public-section-answers-commitments = Commitments it would move on
public-section-answers-concerns = Concerns it answers
public-section-recommendations = Recommendations
public-section-occasions = Occasions organised
public-section-promised-here = Commitments made here
public-section-recommended-here = Recommendations made here

public-add-quote = Add a quote from this source
public-stored-copy = The stored copy
public-web-address = Web address
public-nothing-cites = Nothing published cites this yet.
public-record-page = Record page and history
