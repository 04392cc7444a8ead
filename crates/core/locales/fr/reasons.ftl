# Pourquoi une valeur, un formulaire ou une action est refusé. La raison
# suit le nom du champ (« Engagement : ne doit pas être vide »), d'où la
# minuscule initiale de la plupart.

## Erreurs de l'enregistrement.
reason-invalid-input = saisie refusée :
reason-not-found = enregistrement introuvable ({ $kind })
reason-changed = l'enregistrement a changé pendant la vérification de cette modification (quelqu'un d'autre a enregistré au même moment) ; rien n'a été écrit, réessayez
reason-dangling-reference = { $field } : renvoie à un enregistrement ({ $kind }) qui n'existe pas ou a été supprimé
reason-refers-to-missing = renvoie à un enregistrement qui n'existe pas ou a été supprimé

## Texte.
reason-empty = ne doit pas être vide
reason-blank-optional = ne doit pas contenir que des espaces (laissez plutôt le champ vide)
reason-too-long = compte { $chars } { $chars ->
    [one] caractère
   *[other] caractères
} ; { $max } au plus sont admis
reason-control-character = contient le caractère de contrôle U+{ $code }, qui n'est pas admis ici
reason-country-code = « { $value } » n'est pas un code ISO 3166-1 alpha-2 (deux lettres majuscules)
reason-web-address = « { $value } » n'est pas une adresse web (attendu : http:// ou https://, sans espaces)
reason-email = « { $value } » n'est pas une adresse électronique (un seul « @ », pas d'espaces, un point dans le domaine)
reason-address-lines = compte { $lines } { $lines ->
    [one] ligne
   *[other] lignes
} ; une adresse en compte { $max } au plus
reason-language-tag = « { $value } » n'est pas un code de langue (par exemple en, ru, fr-CH)
reason-slug = « { $value } » n'est pas un identifiant d'adresse (1 à 100 lettres minuscules, chiffres et traits d'union intérieurs)
reason-sha256 = « { $value } » n'est pas une empreinte SHA-256 (attendu : 64 chiffres hexadécimaux en minuscules)
reason-id = « { $value } » n'est pas un identifiant (attendu : un UUID)
reason-not-a-choice = « { $value } » ne fait pas partie des choix de cette liste
reason-unknown-name = « { $value } » n'est pas { $what } (valeurs admises : { $expected })
reason-what-scale = une échelle connue
reason-what-entity-kind = un type d'enregistrement
reason-what-actor-kind = un type d'acteur
reason-what-candidate-status = un statut de projet d'engagement
reason-what-origin = une origine d'engagement
reason-what-timing-kind = un type d'échéance
reason-what-spelling = une convention orthographique
reason-what-direction = une orientation
reason-what-occasion-kind = un type d'occasion
reason-what-priority = une priorité
reason-what-response = une réponse
reason-not-a-status = « { $value } » n'est pas un statut de l'échelle « { $scale } » (valeurs admises : { $expected })
reason-scale-version = la version { $version } de l'échelle « { $scale } » est inconnue (version actuelle : { $current })

## Dates.
reason-date = « { $value } » n'est pas une date : { $why } (attendu : AAAA, AAAA-MM, AAAA-Qn ou AAAA-MM-JJ)
reason-date-bad-year = année incorrecte
reason-date-bad-quarter = trimestre incorrect
reason-date-quarter-range = le trimestre va de Q1 à Q4
reason-date-bad-month = mois incorrect
reason-date-no-such-month = ce mois n'existe pas
reason-date-bad-day = jour incorrect
reason-date-no-such-day = ce jour n'existe pas dans le calendrier
reason-date-too-many-parts = trop de parties
reason-day = « { $value } » n'est pas un jour (attendu : AAAA-MM-JJ)
reason-date-precision = « { $value } » n'est pas une précision de date (attendu : day, month, quarter ou year)
reason-period-order = se termine ({ $until }) avant de commencer ({ $from })
reason-deadline-before-made = l'échéance ({ $deadline }) précède la date de l'engagement ({ $made })
reason-milestone-deadline-before-made = l'échéance ({ $deadline }, d'après le jalon « { $milestone } ») précède la date de l'engagement ({ $made })
reason-role-of-itself = une fonction ne peut pas relever de l'acteur qui l'occupe
reason-role-loop = { $name } occupe déjà une fonction auprès de cet acteur, directement ou par d'autres ({ $path }, chacun occupant une fonction auprès du suivant) : les fonctions ne peuvent pas tourner en boucle
reason-published-role-loop = publier ceci ferait tourner en boucle les fonctions des acteurs publiés : { $loops } ; publiez d'abord la modification qui rompt la boucle
reason-published-role-loop-one = « { $label } » occuperait une fonction menant à { $name }, qui dans les fiches publiées occupe une fonction auprès de cet acteur, directement ou par d'autres ({ $path }, chacun occupant une fonction auprès du suivant)
reason-earlier-version-not-before = une version antérieure datée du { $date } n'est pas antérieure à la date du texte actuel ({ $field } : { $current })
reason-earlier-versions-same-day = deux versions antérieures sont datées du { $date }
reason-revision-needs-day = le texte actuel vaut à la date du { $current } : indiquez la date à laquelle vaut le nouveau texte
reason-revision-not-after-earlier = le { $day } n'est pas postérieur à la version antérieure du { $earlier } : la date d'un texte doit suivre celles de ses versions antérieures
reason-revision-before-current = le { $day } précède le { $current }, date à laquelle vaut le texte actuel : un nouveau texte doit valoir à cette date ou plus tard
reason-assessment-before-made = le { $date } précède la date de l'engagement ({ $made })
reason-made-after-assessment = { $made } est postérieur à l'évaluation du { $rating } qui note cet engagement ; modifiez ou supprimez d'abord cette évaluation

## Enregistrements.
reason-source-needs-date = une source doit avoir sa date de publication ou, si elle est inconnue, une date « connue depuis » (known_from : le jour à partir duquel elle est tenue pour connue)
reason-known-from-only-unknown = la date « connue depuis » (known_from) n'est prévue que pour une source dont la date de publication est inconnue
reason-development-needs-source = un fait nouveau doit avoir au moins une source
reason-effect-twice = cite deux fois le même engagement ou la même préoccupation
reason-recommendation-needs-target = une recommandation doit répondre à au moins un engagement ou une préoccupation
reason-used-by-another = « { $value } » est déjà utilisé par un autre enregistrement ({ $kind })
reason-no-stored-file = aucun fichier enregistré n'a l'empreinte { $value }
reason-remove-needs-reason = supprimer un enregistrement demande un motif
reason-change-reason-length = s'il est donné, doit compter de 1 à { $max } caractères
reason-actor-name = doit être un nom de 1 à 200 caractères imprimables

## Refus de la base.
reason-already-exists = cet enregistrement ({ $kind }) existe déjà
reason-already-removed = cet enregistrement ({ $kind }) a déjà été supprimé
reason-removed-not-editable = cet enregistrement ({ $kind }) a été supprimé et ne peut plus être modifié
reason-still-referred-to = cet enregistrement ({ $kind }) ne peut pas être supprimé : un autre enregistrement ({ $from_kind }, champ { $field }) y renvoie encore ; modifiez ou supprimez d'abord celui-ci
reason-removed-not-publishable = cet enregistrement ({ $kind }) a été supprimé et ne peut pas être publié ; retirez-le pour approuver la suppression
reason-already-published = cet enregistrement ({ $kind }) est déjà publié dans sa version { $version }
reason-not-published = cet enregistrement ({ $kind }) n'est pas publié
reason-nothing-to-review = cet enregistrement ({ $kind }) n'a aucune modification en attente de relecture
reason-send-back-needs-comment = renvoyer une modification demande un commentaire pour son auteur

## Relecture.
reason-reviewer-only = seul un relecteur peut { $what } ; { $user } : { $state }
reason-reviewer-what-approve-change = approuver une modification
reason-reviewer-what-approve-assessment = approuver une évaluation
reason-reviewer-what-send-back = renvoyer une modification
reason-user-disabled = compte désactivé
reason-role-name = rôle « { $role } »
reason-own-change = cet enregistrement ({ $kind }) a été modifié par { $user } lui-même ; un autre relecteur doit l'approuver (ou un administrateur autorise l'auto-relecture pour une équipe d'une personne)
reason-say-what-to-change = dites ce que l'auteur doit changer
reason-needed-changed = ce que cette approbation publierait avec elle a changé depuis votre consultation ; regardez-le de nouveau
reason-needed-changed-list = ce que cette approbation publierait avec elle a changé depuis votre consultation (nouveau ou modifié : { $records }) ; regardez-le de nouveau
reason-refers-to-unpublished = un enregistrement public ne peut renvoyer qu'à des enregistrements publiés : { $problems } ; publiez-les d'abord, ou approuvez-le avec les enregistrements dont il a besoin
reason-needed-record = { $kind } « { $label } »
reason-refers-to-unpublished-one = { $kind } « { $label } » renvoie à { $missing }

## Comptes.
reason-role = « { $value } » n'est pas un rôle (attendu : viewer, editor, reviewer ou admin)
reason-token-name = doit compter de 1 à 100 caractères imprimables
reason-display-name = doit compter de 1 à 200 caractères imprimables
reason-username = doit compter de 1 à 64 lettres, chiffres, points, tirets bas ou traits d'union
reason-new-username = doit compter de 1 à 64 lettres minuscules a-z, chiffres, points, tirets bas ou traits d'union (pour que deux noms ne se ressemblent jamais ; le nom affiché peut être dans n'importe quelle écriture)
reason-username-taken = « { $value } » est déjà pris
reason-password-short = doit compter au moins 10 caractères
reason-password-long = doit compter au plus 1000 caractères
reason-password-wrong = n'est pas votre mot de passe actuel
reason-password-mismatch = n'a pas été saisi deux fois de la même façon
reason-reset-code = doit être les { $chars } lettres et chiffres du code qui vous a été remis
reason-expires-days = doit être de 1 à { $max } jours plus tard
reason-expires-text = « { $value } » n'est ni un nombre de jours ni une date (AAAA-MM-JJ)
reason-expires-range = doit être une date entre demain et { $max } jours plus tard
reason-expires-future = doit être dans le futur
reason-disable-self = vous ne pouvez pas désactiver votre propre compte
reason-last-admin = { $user } est le dernier administrateur actif : faites d'abord d'un autre compte un administrateur
reason-account-already-enabled = le compte { $user } est déjà activé
reason-account-already-disabled = le compte { $user } est déjà désactivé
reason-account-disabled = le compte { $user } est désactivé : activez-le d'abord
reason-reset-disabled = le compte { $user } est désactivé : activez-le avant de délivrer un code de réinitialisation
reason-token-revoked = ce jeton d'API est déjà révoqué

## Aide à la rédaction.
reason-too-many-candidates = ce texte donne { $count } projets d'engagement ; { $max } au plus sont conservés par texte : découpez-le
reason-draft-needs-text = une source à partir de laquelle rédiger doit avoir son texte
reason-quote-not-in-source = ne correspond pas au texte de la source aux caractères { $start }..{ $end }
reason-draft-source-removed = cette source a été supprimée ; elle ne peut plus recevoir de projets d'engagement
reason-draft-source-differs = cette source existe déjà avec un autre texte
reason-by-deadline-needs-date = une échéance « à une date » demande une date : indiquez-la, ou choisissez un autre type d'échéance
reason-during-period-needs-end = une échéance « pendant une période » demande la fin de la période : indiquez-la, ou choisissez un autre type d'échéance
reason-candidate-not-pending = ce projet d'engagement est déjà { $status } ; seuls les projets en attente peuvent être acceptés ou rejetés
reason-candidate-status-pending = en attente
reason-candidate-status-accepted = accepté
reason-candidate-status-rejected = rejeté
reason-candidate-no-actor = le projet ne nomme aucun acteur engagé : indiquez-en un
reason-candidate-no-date = ni le projet ni sa source ne disent quand l'engagement a été pris : indiquez la date
reason-quote-no-date = ni la source ni le projet ne disent quand ces mots ont été écrits
reason-reject-needs-reason = rejeter un projet d'engagement demande un motif
reason-candidate-pending-outcome = un projet en attente n'a ni engagement ni motif de rejet
reason-candidate-accepted-commitment = un projet accepté nomme l'engagement qu'il est devenu
reason-candidate-rejected-reason = un projet rejeté demande son motif
reason-candidate-rejected-commitment = un projet rejeté ne peut pas être devenu un engagement
reason-quote-end = doit suivre quote_start ({ $end } <= { $start })
reason-confidence = doit être compris entre 0 et 100

## Recherche et tableau de bord.
reason-search-empty = saisissez au moins un mot à rechercher
reason-search-long = dépasse 1000 caractères
reason-sort = « { $value } » n'est pas une colonne de tri (attendu : commitment, verdict, deadline ou made)
reason-order = « { $value } » n'est pas un ordre de tri (attendu : asc ou desc)

## Formulaires de saisie.
reason-as-written = { $text }
reason-on-line = ligne { $line } : { $reason }
reason-no-actor-named = ligne { $line } : aucun acteur ne s'appelle « { $name } »
reason-several-actors-named = ligne { $line } : plusieurs acteurs s'appellent « { $name } » : donnez plutôt l'identifiant de celui visé ({ $ids })
reason-deadline-date-or-milestone = indiquez une date ou un jalon, pas les deux
reason-deadline-needed = une échéance (une date ou un jalon) est nécessaire pour « { $timing } »
reason-period-start-needed = un début (une date, ou le jalon ci-dessus) est nécessaire pour « { $timing } »
reason-period-end-needed = une fin est nécessaire pour « { $timing } »
reason-offset-days = doit être un nombre entier de jours entre -36500 et 36500
reason-choose-a-source = choisissez au moins une source
reason-not-a-direction = « { $value } » pour { $key } n'est pas une orientation
reason-summary-needs-day = un résumé demande la date à laquelle il décrit la situation
reason-publisher-name = est obligatoire dès que l'adresse, le site web ou l'adresse électronique de l'éditeur est donné
reason-publisher-website = « { $value } » n'est pas une adresse web (https://...)
reason-publisher-email = « { $value } » n'est pas une adresse électronique
reason-recipient-columns = ligne { $line } : plus de six colonnes ; attendu : { $expected }
reason-not-a-signatory = ligne { $line } : « { $name } » n'est pas un signataire enregistré
reason-several-signatories-named = ligne { $line } : plusieurs signataires s'appellent « { $name } » : donnez plutôt l'identifiant de celui visé ({ $ids })
reason-recipient-line = ligne { $line } : attendu : { $expected }, avec un titre et une formule d'appel
reason-candidate-form = les projets d'engagement sont relus dans la file de relecture

## Connexion et installation.
reason-sign-in-name = Nom d'utilisateur : { $reason }.
reason-setup-done-sign-in = L'installation est faite : un compte existe déjà. Connectez-vous.
reason-own-admin-role = Vous ne pouvez pas vous retirer votre propre rôle d'administrateur.
reason-setup-done = l'installation est faite : un compte existe déjà

## Noms des champs dans une raison affichée hors du formulaire.
reason-field-reason = motif
reason-field-comment = commentaire
reason-field-query = recherche
reason-field-as-of = à la date du
reason-field-sort = tri
reason-field-order = ordre
reason-field-role = rôle
reason-field-version = version
reason-field-deadline-from = échéance à partir du
reason-field-deadline-to = échéance jusqu'au
reason-field-expires = expiration
reason-field-name = nom
reason-came-from-no-direction = indiquez l'effet de ce fait sur l'engagement d'où vous venez (ou sur un autre élément) : en l'état, il ne serait lié à rien
reason-source-typed-not-added = une nouvelle source est saisie ci-dessous mais n'a pas été ajoutée : appuyez d'abord sur « Ajouter la source et la choisir », ou videz ses champs
