# Le tableau de bord du dossier et ses graphiques.

scorecard-feed-title = { $title } : faits nouveaux et changements de statut
scorecard-as-of = À la date du
scorecard-last-updated = Dernier fait ou évaluation
scorecard-follow = Suivre (flux Atom)
scorecard-team-view = Vue de l'équipe : brouillons et modifications en attente inclus et signalés ; le public ne voit que ce qu'un relecteur a approuvé
scorecard-filter = Filtrer ou choisir une date
scorecard-filters-set = (filtres appliqués)
scorecard-filters = Filtres
scorecard-filter-actor = Acteur
scorecard-filter-theme = Thème
scorecard-filter-verdict = Verdict
scorecard-filter-origin = Origine
scorecard-filter-all = Tous
scorecard-filter-deadline-from = Échéance à partir du
scorecard-filter-deadline-to = Échéance jusqu'au
scorecard-filter-words = Mots
scorecard-apply = Appliquer
scorecard-clear = Effacer les filtres
scorecard-count-heading = Le bilan au { $date }
scorecard-total = { $n ->
    [one] engagement
   *[other] engagements
}
scorecard-total-shown = { $n ->
    [one] engagement affiché
   *[other] engagements affichés
}
scorecard-overdue = En retard
scorecard-notes = { $progress } en progrès · { $backtracking } en recul actuellement (évalués en dessous d'une évaluation antérieure) · { $steps } dans les évaluations · { $stale } en cours et non évalués depuis six mois
scorecard-commitments = Engagements
scorecard-none = Aucun engagement ne correspond.
scorecard-col-commitment = Engagement
scorecard-col-verdict = Verdict
scorecard-col-deadline = Échéance
scorecard-col-clock = Horloge de la promesse
scorecard-sort-by = Trier par
scorecard-sort-ascending = trier par { $column }, ordre croissant
scorecard-sort-descending = trier par { $column }, ordre décroissant
scorecard-backtracking = En recul
scorecard-stale = Non évalué depuis six mois
scorecard-rated-on = évalué le { $date }
scorecard-not-rated = pas encore évalué
scorecard-clock = délai accordé : { $allowed } ; { $since }
scorecard-recent = Ce qui a changé depuis { $date }
scorecard-bears-on = Concerne
scorecard-steps-back = Reculs dans les évaluations
scorecard-steps-back-note = Un recul est une évaluation moins bonne que la précédente. Un engagement est en recul tant que son évaluation actuelle est inférieure à une évaluation antérieure.
scorecard-regression = { $date } : { $commitment }, passé de « { $from } » à « { $to } »
scorecard-about = À propos de ce dossier
scorecard-documents = Documents
scorecard-memo = Mémorandum
scorecard-memo-as-of = Mémorandum à la date du
scorecard-format = Format
scorecard-format-docx = Word (DOCX)
scorecard-steps-by-body = Regrouper aussi les mesures par organe
scorecard-version = Version
scorecard-version-public = Publique (fiches publiées uniquement)
scorecard-version-team = Brouillon de l'équipe (brouillons et sources confidentielles ; filigrane)
scorecard-memo-download = Télécharger le mémorandum
scorecard-letters = Lettres
scorecard-letters-to = Lettres aux destinataires
scorecard-include-subject = Écrire aussi à : { $state } (une lettre directe sur ses propres promesses)
scorecard-letters-download = Télécharger les lettres (un seul document)
scorecard-letters-note = Les lettres demandent à chaque destinataire de faire pression sur l'État lié par ces engagements ({ $state }) ; celui-ci est donc exclu de la liste, sauf si vous cochez la case ci-dessus.
scorecard-open-data = Données ouvertes
scorecard-open-data-team = Les fiches de ce dossier, brouillons et sources confidentielles compris, avec tout ce à quoi elles renvoient :
scorecard-open-data-public = Les fiches publiées de ce dossier avec tout ce à quoi elles renvoient :
scorecard-json-schema = Schéma JSON
scorecard-concerns = Préoccupations au-delà des engagements

## Graphiques.
chart-status-heading = Verdicts au fil du temps
chart-status-title = Verdicts au fil du temps
chart-status-desc = Nombre d'engagements par verdict à la fin de chaque année ; le tableau de données suit le graphique.
chart-colours = Couleurs
chart-data-table = Tableau de données
chart-date = Date
chart-timeline-heading = Chronologie
chart-timeline-title = Chronologie
chart-timeline-desc = Dates des promesses, échéances, jalons et faits nouveaux ; la liste des événements suit le graphique.
chart-events = Liste des événements
chart-timeline-item = { $date } : { $event } ({ $kind })
chart-pledges-at = Promesses faites : { $occasion }
chart-pledge-made = Promesse faite
chart-deadline = Échéance : { $commitment }
chart-as-of = au { $date }
chart-row-pledge = Promesses
chart-row-deadline = Échéances
chart-row-milestone = Jalons
chart-row-development = Faits nouveaux
chart-kind-pledge = promesse
chart-kind-deadline = échéance
chart-kind-milestone = jalon
chart-kind-development = fait nouveau

## Flux Atom : leur texte fixe.
feed-dossier-subtitle = Nouveaux faits et nouvelles évaluations des engagements du dossier, tels que publiés.
feed-commitment-subtitle = Un engagement suivi dans le dossier « { $dossier } ».
feed-development-title = { $direction } pour « { $name } » : { $title }
feed-development-summary = { $date } : { $title }. { $summary }
feed-sources = Sources : { $sources }.
feed-rating-title = { $change } : « { $name } »
feed-rating-summary = Évalué « { $status } » au { $date }.
feed-step-back = C'est un recul : l'évaluation est moins bonne que la précédente.
scorecard-document-lang = Langue du document
