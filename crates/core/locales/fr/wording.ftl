# Dates, échéances, durées, statuts, échelles et délais (core::wording).

## Un mois seul (« décembre 2008 ») et avec un jour (« 31 décembre 2008 »).
month-name = { $month ->
    [1] janvier
    [2] février
    [3] mars
    [4] avril
    [5] mai
    [6] juin
    [7] juillet
    [8] août
    [9] septembre
    [10] octobre
    [11] novembre
   *[12] décembre
}
month-of = { month-name }

date-day = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }
date-month = { $month } { $year }
date-quarter = le { $quarter ->
    [1] premier
    [2] deuxième
    [3] troisième
   *[4] quatrième
} trimestre { $year }
date-year = { $year }

## Les échéances telles que la source les écrit.
deadline-day = d'ici au { $date }
deadline-month = d'ici à la fin { $monthnum ->
    [4] d'avril
    [8] d'août
    [10] d'octobre
   *[other] de { $month }
} { $year }
deadline-quarter = d'ici à la fin du { $quarter ->
    [1] premier
    [2] deuxième
    [3] troisième
   *[4] quatrième
} trimestre { $year }
deadline-year = d'ici à la fin de { $year }

## Périodes et intervalles de jours.
period-year = tout au long de { $year }
period-month = tout au long du mois { $monthnum ->
    [4] d'avril
    [8] d'août
    [10] d'octobre
   *[other] de { $month }
} { $year }
period-same-year = du { $fromday ->
    [1] 1er
   *[other] { $fromday }
} { $frommonth } au { $to }
period-days = du { $from } au { $to }
span-same-month = { $fromday }–{ $today } { $month } { $year }
span-same-year = { $fromday } { $frommonth } – { $to }
span-days = { $from } – { $to }

## Durées, comptées sur le calendrier.
duration-years = { $n ->
    [one] { $n } an
   *[other] { $n } ans
}
duration-months = { $n } mois
duration-days = { $n ->
    [one] { $n } jour
   *[other] { $n } jours
}
duration-years-months = { $years } { $months }

## Où en est un engagement par rapport à son échéance.
deadline-due-today = échéance aujourd'hui
deadline-due-in = échéance dans { $duration }
deadline-overdue = en retard de { $duration }
deadline-met-on-time = tenu dans les délais, le { $date }
deadline-met-late = tenu avec { $duration } de retard, le { $date }
deadline-none = sans échéance
since-pledge = pris { $ago }
ago = il y a { $duration }
ago-today = aujourd'hui

## Échelles de notation et leurs statuts.
scale-default = l'échelle propre à pledgewatch
scale-odihr = l'échelle de mise en œuvre du BIDDH
scale-ogp = l'échelle d'achèvement du PGO
scale-politifact = le baromètre des promesses de PolitiFact
scale-version = { $scale }, version { $version }

status-default-not_yet_rated = Pas encore évalué
status-default-not_started = Pas commencé
status-default-in_progress = En cours
status-default-partially_fulfilled = Partiellement tenu
status-default-fulfilled = Tenu
status-default-stalled = Au point mort
status-default-regressed = Régression
status-default-broken = Rompu
status-odihr-fully_implemented = Entièrement mis en œuvre
status-odihr-mostly_implemented = Largement mis en œuvre
status-odihr-partially_implemented = Partiellement mis en œuvre
status-odihr-not_implemented = Non mis en œuvre
status-ogp-no_evidence_available = Aucune information disponible
status-ogp-not_started = Pas commencé
status-ogp-limited = Limité
status-ogp-substantial = Substantiel
status-ogp-complete = Achevé
status-politifact-not_yet_rated = Pas encore évalué
status-politifact-in_the_works = En préparation
status-politifact-stalled = Au point mort
status-politifact-compromise = Compromis
status-politifact-promise_kept = Promesse tenue
status-politifact-promise_broken = Promesse rompue

## Types de délai, origines, sens, priorités.
timing-by_deadline = Avant une échéance
timing-during_period = Pendant une période
timing-refrain_from = Un engagement de s'abstenir
timing-none_stated = Aucun délai indiqué
origin-pledge = Promesse
origin-accepted_recommendation = Recommandation acceptée
origin-legal_obligation = Obligation juridique
direction-advance = Progrès
direction-no_change = Aucun changement
direction-setback = Recul
priority-high = priorité haute
priority-medium = priorité moyenne
priority-low = priorité basse

## Changements de notation.
steps-back = { $n ->
    [0] aucun recul
    [one] { $n } recul
   *[other] { $n } reculs
}
rating-first = Première évaluation : { $now }
rating-same = Réévalué : toujours « { $now } »
rating-down = Recul : désormais « { $now } » (auparavant « { $previous } »)
rating-up = Désormais « { $now } » (auparavant « { $previous } »)

## Un enregistrement refusé parce que quelqu'un d'autre a enregistré avant.
conflict = Quelqu'un d'autre a modifié cet enregistrement ({ $kind }) pendant que vous le modifiiez (vous avez modifié la version { $expected } ; il en est maintenant à la version { $actual }). Rechargez la page pour voir sa modification, puis refaites la vôtre.

## Types d'enregistrement.
kind-actor = acteur
kind-occasion = événement
kind-source = source
kind-quote = citation
kind-commitment = engagement
kind-milestone = jalon
kind-development = fait nouveau
kind-assessment = évaluation
kind-recommendation = recommandation
kind-concern = préoccupation
kind-dossier = dossier
kind-recipient_list = liste de destinataires
kind-signatory = signataire
kind-candidate = projet d'engagement
