# scorecard
