# The account page: password, sessions, API tokens.

tokens-title = Votre compte
tokens-signed-in-as = Connecté en tant que { $user }, avec le rôle { $role }.
tokens-password = Mot de passe
tokens-password-lead = Changer votre mot de passe déconnecte vos autres sessions ; celle-ci reste connectée.
tokens-current-password = Mot de passe actuel
tokens-change-password = Changer le mot de passe
tokens-sessions = Sessions
tokens-sessions-lead = Connecté à un endroit où vous n'êtes plus, ou sur un ordinateur qui n'est pas le vôtre ? Terminez toutes les sessions, celle-ci comprise ; vous vous reconnecterez.
tokens-sign-out-everywhere = Se déconnecter partout
tokens-api = Jetons d'API
tokens-api-lead-1 = Un jeton permet à un programme d'utiliser
tokens-api-lead-2 = avec votre rôle : envoyez-le sous la forme
tokens-api-lead-3 = . Chaque jeton expire ; révoquez celui dont vous n'avez plus besoin ou que vous avez pu perdre.
tokens-json-api = l'API JSON
tokens-new-secret = Votre nouveau jeton { $name }. Copiez-le maintenant : il n'est pas conservé et ne sera plus affiché.
tokens-token = Jeton
tokens-none = Vous n'avez aucun jeton d'API.
tokens-col-name = Nom
tokens-col-created = Créé
tokens-col-last-used = Dernière utilisation
tokens-col-expires = Expire
tokens-col-state = État
tokens-revoked = Révoqué le { $at }
tokens-expired = Expiré
tokens-active = Actif
tokens-revoke = Révoquer
tokens-revoke-label = Révoquer le jeton { $name }
tokens-never = jamais
tokens-new = Nouveau jeton
tokens-name = À quoi il sert
tokens-expires-after = Expire après
tokens-days = { $n ->
    [one] { $n } jour
   *[other] { $n } jours
}
tokens-expires-on = Ou à la fin de ce jour (un an au plus ; l'emporte sur le choix ci-dessus)
tokens-expiry = Expiration
tokens-make = Créer un jeton
tokens-at = { $day } { $time } UTC
