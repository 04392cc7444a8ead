# Entry forms: buttons, pickers, error summaries.

form-save = Enregistrer
form-cancel = Annuler
form-reason = Motif de la modification (conservé dans l'historique)
form-required = (obligatoire)
form-choose-one = Choisissez
form-none = Aucun
form-not-concerned = Non concerné
form-now = Actuellement : { $file }
form-find-in-list = Chercher par mots dans la liste
form-filter = Filtrer la liste
form-no-match = Rien dans la liste ne contient ces mots.
form-more = { $n ->
    [one] { $n } autre non affiché : tapez des mots pour le trouver.
   *[other] { $n } autres non affichés : tapez des mots pour les trouver.
}
form-find-by-words = Chercher par mots
form-find = Chercher
form-picker-title = { $kind } : chercher par mots
form-problem = Il y a un problème
form-error-line = { $field } : { $error }
form-inline-summary = Une source absente de la liste ? Ajoutez-la ici
form-inline-add = Ajouter la source et la choisir
form-inline-title = Titre de la source
form-inline-quote = Une citation de celle-ci (facultatif)
form-inline-quote-help = Les mots exacts sur lesquels s'appuie le fait nouveau
form-inline-locator = Où dans la source
form-inline-locator-help = Page ou paragraphe
form-edit-title = Modifier : { $record }
form-new-title = Nouvelle fiche : { $kind }
form-target = { $kind } : { $record }
form-came-from = { $record } (l'engagement d'où vous venez)
form-status-choice = { $status } ({ $scale })
plural-actor = Acteurs
plural-occasion = Événements
plural-source = Sources
plural-quote = Citations
plural-commitment = Engagements
plural-milestone = Jalons
plural-development = Faits nouveaux
plural-assessment = Évaluations
plural-recommendation = Recommandations
plural-concern = Préoccupations
plural-dossier = Dossiers
plural-recipient-list = Listes de destinataires
plural-signatory = Signataires
plural-candidate = Projets d'engagement
form-rated-by = Évalué par
form-reviewed-by = Relu par
form-not-reviewed = pas encore relu
form-history-body-missing = Le contenu que cette création représente manque ou ne correspond pas à son empreinte : lancez « pledgewatch audit verify ».
form-add-quote = Ajouter une citation de cette source
form-add-development = Enregistrer un fait nouveau
form-add-assessment = Évaluer cet engagement
form-error-required = est obligatoire
form-error-choose-one = choisissez-en un
form-link-dropped = Le lien a choisi une fiche qui n'existe pas ou a été supprimée ({ $fields }) ; choisissez-en une ci-dessous.
