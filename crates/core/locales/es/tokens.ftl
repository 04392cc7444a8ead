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
tokens-api = Claves de API
tokens-api-lead-1 = Una clave permite a un programa usar la
tokens-api-lead-2 = con su rol: envíela como
tokens-api-lead-3 = . Cada clave caduca; revoque la que ya no necesite o pueda haber perdido.
tokens-json-api = API JSON
tokens-new-secret = Su nueva clave { $name }. Cópiela ahora: no se guarda y no se volverá a mostrar.
tokens-token = Clave
tokens-none = No tiene claves de API.
tokens-col-name = Nombre
tokens-col-created = Creada
tokens-col-last-used = Último uso
tokens-col-expires = Caduca
tokens-col-state = Estado
tokens-revoked = Revocada el { $at }
tokens-expired = Caducada
tokens-active = Activa
tokens-revoke = Revocar
tokens-revoke-label = Revocar la clave { $name }
tokens-never = nunca
tokens-new = Nueva clave
tokens-name = Para qué sirve
tokens-expires-after = Caduca tras
tokens-days = { $n ->
    [one] { $n } día
   *[other] { $n } días
}
tokens-expires-on = O al final de este día (como máximo un año; prevalece sobre la opción de arriba)
tokens-expiry = Caducidad
tokens-make = Crear una clave
tokens-at = { $day } { $time } UTC
