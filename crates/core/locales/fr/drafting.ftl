# Drafting help: proposing commitments from a text, accepting or rejecting them.

drafting-title = Aide à la rédaction
drafting-lead = Collez une déclaration, une lettre ou un rapport, ou choisissez son fichier. pledgewatch propose les engagements qu'il contient, avec leurs mots exacts, qui est engagé et l'échéance ; vous acceptez, modifiez ou rejetez ensuite chacun.
drafting-doc-title = Titre du document
drafting-doc-date = Date du document
drafting-doc-date-help = Sert de repère à « l'an dernier », « il y a six mois », « d'ici six mois ».
drafting-we = Qui sont « nous » et « le Gouvernement »
drafting-text = Texte
drafting-file = Ou un fichier (texte brut, Markdown, HTML, PDF ou Word)
drafting-file-label = Fichier
drafting-file-help = 10 Mo au plus. Un PDF doit avoir une couche de texte : une page numérisée sans elle ne peut être lue.
drafting-confidential = Le document est confidentiel
drafting-propose = Proposer des engagements
drafting-waiting = En attente de relecture
drafting-pending = { $n ->
    [one] ({ $n } en attente)
   *[other] ({ $n } en attente)
}
drafting-source-record = La fiche de la source
drafting-proposed-count = { $n ->
    [one] { $n } engagement proposé
   *[other] { $n } engagements proposés
}
drafting-text-marked = Le texte, avec les engagements proposés signalés
drafting-proposed = Engagements proposés
drafting-none-found = Aucun engagement n'a été trouvé dans ce texte.
drafting-bound = Engagé
drafting-not-found = non trouvé
drafting-speaker = Prononcé ou signé par
drafting-occasion = Événement
drafting-timing = Délai
drafting-deadline = Échéance
drafting-deadline-none = aucune
drafting-condition = Condition
drafting-confidence = Confiance
drafting-rejected-because = Rejeté parce que
drafting-became = Devenu
drafting-the-commitment = la fiche de l'engagement
drafting-not-done = Cela n'a pas été fait
drafting-similar = Un engagement similaire est déjà enregistré
drafting-similar-text = Accepter celui-ci risque d'enregistrer deux fois la même promesse. Rattachez plutôt ses mots à l'engagement existant comme preuve (ils sont enregistrés comme une réaffirmation tirée de cette source) :
drafting-attach = Rattacher comme preuve à celui-ci
drafting-attach-label = Rattacher comme preuve à « { $statement } »
drafting-statement = Énoncé
drafting-who-bound = Qui est engagé
drafting-dossier = Dossier où il va
drafting-choose-dossier = Choisissez un dossier
drafting-accept = Accepter comme engagement
drafting-accept-anyway = Créer quand même un nouvel engagement
drafting-reject-reason = Motif du rejet
drafting-reject = Rejeter
drafting-status-pending = en attente
drafting-status-accepted = accepté
drafting-status-rejected = rejeté
drafting-error-title = nommez le document (p. ex. le titre de la lettre)
drafting-error-text = collez un texte ou choisissez un fichier
drafting-error-size = dépasse 10 Mo
drafting-no-dossier = Choisissez le dossier où va l'engagement.
drafting-dossier-missing = Ce dossier n'existe pas.
drafting-dossier-removed = Ce dossier n'existe pas ou a été supprimé.
drafting-similar-refused = Un engagement similaire est déjà enregistré : rattachez celui-ci comme preuve, ou créez tout de même un nouvel engagement.
drafting-attach-unknown = Cet engagement n'existe pas ou a été supprimé : choisissez l'un des engagements similaires proposés.
drafting-confidence-value = { $n } %
