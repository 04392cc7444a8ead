# La page de recherche.

search-title = Rechercher
search-words = Mots
search-kind = Type
search-everything = Tout
search-actor = Acteur
search-all = Tous
search-theme = Thème
search-status = Verdict
search-origin = Origine
search-deadline-from = Échéance à partir du
search-deadline-to = Échéance jusqu'au
search-button = Rechercher
search-help = L'acteur, le thème, le verdict, l'origine et l'échéance limitent les résultats aux engagements.
search-none = Aucun résultat pour « { $query } »
search-none-filtered = Aucun résultat pour « { $query } » avec ces filtres
search-none-lead = Rien de ce que le public peut voir ne correspond à ces mots. Vous pouvez :
search-tip-spelling = vérifier l'orthographe ;
search-tip-fewer-words = utiliser moins de mots ou des mots plus généraux (chaque mot doit correspondre : « loi sur les médias » trouve moins que « médias ») ;
search-tip-filters = retirer les filtres (type, acteur, thème, verdict, origine, échéance) ;
search-tip-browse = parcourir
search-tip-dossiers = les dossiers
search-tip-scorecard = ou lire un tableau de bord :
search-results = { $n ->
    [one] { $n } résultat pour « { $query } »
   *[other] { $n } résultats pour « { $query } »
}

search-results-range = { $first }–{ $last } sur { $n ->
    [one] { $n } résultat pour « { $query } »
   *[other] { $n } résultats pour « { $query } »
}
search-pages = Pages de résultats
search-previous = Page précédente
search-next = Page suivante
search-error-page = « { $value } » n’est pas un numéro de page (1, 2, 3…).
search-error-unknown = { $field } : « { $value } » ne fait pas partie des choix.
search-error-kind-and-filters = L’acteur, le thème, le verdict, l’origine et l’échéance ne filtrent que les engagements ; rien du type « { $kind } » ne peut donc y correspondre : choisissez le type « Engagement » ou « Tout », ou retirez ces filtres.
search-error-filters-need-words = Les filtres affinent une recherche par mots : saisissez au moins un mot à rechercher.

## Recherches refusées.
search-error-no-words = Saisissez au moins un mot à rechercher.
search-error-too-long = Les mots recherchés dépassent { $max } caractères ; raccourcissez-les.
search-error-day = { $field } : « { $value } » n'est pas un jour (format attendu AAAA-MM-JJ).
search-filters = Filtres
