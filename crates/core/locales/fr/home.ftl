# La page d'accueil : les dossiers, à propos, données ouvertes, flux.

home-title = Dossiers
home-none = Aucun dossier n'est encore publié.
home-draft = Brouillon
home-commitments = { $n ->
    [one] { $n } engagement
   *[other] { $n } engagements
}
home-new-dossier = Nouveau dossier
home-about = À propos
home-about-text = Chaque dossier suit les engagements pris par un gouvernement dans des enceintes internationales : les termes exacts, leur auteur, le lieu et l'échéance. Chaque fait nouveau est daté et sourcé, et chaque évaluation des progrès donne ses motifs ainsi que les noms de ceux qui l'ont faite et relue, afin que chacun puisse vérifier ce qui a été tenu, ce qui ne l'a pas été et ce qui a reculé.
home-about-scale = Les évaluations suivent une échelle qui nomme chaque verdict (de « Pas commencé » à « Tenu », avec « Au point mort », « Régression » et « Rompu »). Un engagement est en retard dès que son échéance est passée sans qu'il ait été tenu, et en recul tant que son évaluation actuelle est inférieure à une évaluation antérieure.
home-open-data = Données ouvertes
home-download-team = Télécharger les dossiers :
home-download-public = Télécharger les dossiers publiés :
home-api = Les programmes peuvent lire les mêmes données par l'API JSON :
home-api-link = API JSON
home-licence = Licence des données : { $licence }.
home-licence-none = Licence des données non indiquée ; demandez à l'éditeur avant toute réutilisation.
home-feeds = Flux
home-feeds-text = Suivez les faits nouveaux et les évaluations dans n'importe quel lecteur de flux (Atom). Chaque page d'engagement a aussi son propre flux.
