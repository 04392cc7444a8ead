# Error pages: their titles and messages.

error-picker-name = Le nom du champ du sélecteur doit être fait de lettres minuscules et de tirets bas.
error-record-removed = Cette fiche a été supprimée et ne peut pas être modifiée.
error-version-missing = Il manque au formulaire la version sur laquelle il repose ; rechargez la page et réessayez.
error-remove-reason = Supprimer une fiche demande un motif.
error-reference = Référence :
error-back = Retour à la page d'accueil
error-back-form = Retour à la page précédente
error-not-found = Introuvable
error-not-found-text = Il n'y a rien ici, ou ce n'est pas public.
error-forbidden = Non autorisé
error-forbidden-text = Le rôle de votre compte ne le permet pas.
error-csrf = Formulaire expiré
error-csrf-text = Ce formulaire n'a pas été accepté car son jeton de sécurité manque ou est erroné. Revenez en arrière, rechargez la page et envoyez-le de nouveau.
error-throttled = Trop de tentatives
error-throttled-text = Trop de connexions échouées pour ce compte ou depuis cette adresse. { $n ->
    [one] Attendez { $n } seconde et réessayez.
   *[other] Attendez { $n } secondes et réessayez.
}
error-busy = Occupé
error-busy-text = Le serveur vérifie trop de mots de passe à la fois. Réessayez dans un instant.
error-too-large = Trop volumineux
error-too-large-text = Ce qui a été envoyé dépasse ce que ce formulaire accepte.
error-bad-request = Non accepté
error-conflict = Modifié par quelqu'un d'autre
error-internal = Une erreur s'est produite
error-internal-text = Le serveur n'a pas pu traiter cette demande. Si vous la signalez, donnez la référence ci-dessous.
