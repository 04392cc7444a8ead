# The account page: password, sessions, API tokens.

tokens-title = Su cuenta
tokens-signed-in-as = Ha iniciado sesión como { $user }, con el rol { $role }.
tokens-password = Contraseña
tokens-password-lead = Cambiar la contraseña cierra sus otras sesiones; esta sigue abierta.
tokens-current-password = Contraseña actual
tokens-change-password = Cambiar la contraseña
tokens-sessions = Sesiones
tokens-sessions-lead = ¿Sesión abierta en un lugar donde ya no está o en un ordenador ajeno? Cierre todas las sesiones, incluida esta; volverá a iniciar sesión.
tokens-sign-out-everywhere = Cerrar sesión en todas partes
tokens-api = Tokens de API
tokens-api-lead-1 = Un token permite a un programa usar la
tokens-api-lead-2 = con su rol: envíelo como
tokens-api-lead-3 = . Cada token caduca; revoque el que ya no necesite o pueda haber perdido.
tokens-json-api = API JSON
tokens-new-secret = Su nuevo token { $name }. Cópielo ahora: no se guarda y no se volverá a mostrar.
tokens-token = Token
tokens-none = No tiene tokens de API.
tokens-col-name = Nombre
tokens-col-created = Creado
tokens-col-last-used = Último uso
tokens-col-expires = Caduca
tokens-col-state = Estado
tokens-revoked = Revocado el { $at }
tokens-expired = Caducado
tokens-active = Activo
tokens-revoke = Revocar
tokens-revoke-label = Revocar el token { $name }
tokens-never = nunca
tokens-new = Nuevo token
tokens-name = Para qué sirve
tokens-expires-after = Caduca tras
tokens-days = { $n ->
    [one] { $n } día
   *[other] { $n } días
}
tokens-expires-on = O al final de este día (como máximo un año; prevalece sobre la opción de arriba)
tokens-expiry = Caducidad
tokens-make = Crear un token
tokens-at = { $day } { $time } UTC
