# Les fiches de l'équipe : listes, fiche, file de relecture.

review-title = En attente de relecture
review-lead = Le public voit la version de chaque fiche qu'un relecteur a approuvée. Chaque modification ci-dessous en attend une : approuvez-la, ou renvoyez-la à son rédacteur avec un commentaire.
review-nothing = Rien n'est en attente : le public voit chaque fiche telle qu'elle est.
review-range = Modifications { $first } à { $last } de celles en attente, les plus anciennes d'abord.
review-count = { $n ->
    [one] { $n } modification en attente, les plus anciennes d'abord.
   *[other] { $n } modifications en attente, les plus anciennes d'abord.
}
review-more = D'autres attendent à la page suivante.
review-new = Nouvelle
review-edited = Modifiée
review-removal = Suppression
records-previous = Précédent
records-next = Suivant
pending-meta = { $change } par { $authors } · dernière modification { $when } · version { $version }
pending-sent-back = Renvoyé par { $by } le { $at } :
pending-not-changed = (inchangé depuis)
pending-removed = Supprimé : le public le voit encore (version { $version }) jusqu'à ce qu'un relecteur approuve la suppression.
pending-no-difference = Aucun champ du formulaire ne diffère de la version publique.
pending-caption-new = Tous les champs de la nouvelle fiche
pending-caption-edit = Ce qui change pour le public : chaque champ modifié, version publique { $public } contre version proposée { $proposed }
pending-field = Champ
pending-public = Le public voit (version { $version })
pending-proposed = Proposé (version { $version })
pending-also-publishes = L'approbation publie aussi :
pending-own = Votre modification : un autre relecteur doit l'approuver.
pending-own-allowed = Votre propre modification : ce serveur autorise l'auto-relecture, et le journal le mentionnera.
pending-comment = Commentaire pour le rédacteur (obligatoire pour renvoyer)
pending-send-back = Renvoyer
records-new = Nouveau
records-col-record = Fiche
records-col-changed = Modifiée
records-col-version = Version
records-col-publication = Publication
records-download = Tout télécharger :
records-drafts-included = (brouillons compris ;
record-version = Version { $version }
record-public-sees = Ce que voit le public :
record-sent-back = Renvoyé par { $by } le { $at }
record-answer = Modifiez la fiche pour y répondre ; la modification attendra de nouveau une relecture.
record-as-it-stands = La fiche telle qu'elle est maintenant
record-the-record = La fiche
record-edit = Modifier
record-withdraw = Retirer de la publication
record-remove-reason = Motif de la suppression (obligatoire)
record-remove = Supprimer
record-history = Historique
record-col-when = Quand
record-col-who = Qui
record-col-what = Quoi
record-col-reason = Motif
record-col-change = Modification
record-before-after = Avant et après
record-before = Avant :
record-after = Après :
