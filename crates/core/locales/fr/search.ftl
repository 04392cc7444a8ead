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

## Recherches refusées.
search-error-no-words = Saisissez au moins un mot à rechercher.
search-error-too-long = Les mots recherchés dépassent { $max } caractères ; raccourcissez-les.
search-error-day = { $field } : « { $value } » n'est pas un jour (format attendu AAAA-MM-JJ).
search-filters = Filtres
