# Error pages: their titles and messages.

error-picker-name = El nombre del campo del selector debe tener solo letras minúsculas y guiones bajos.
error-record-removed = Este registro se eliminó y no se puede editar.
error-version-missing = Al formulario le falta la versión en la que se basa; recargue la página y vuelva a intentarlo.
error-remove-reason = Eliminar un registro requiere un motivo.
error-reference = Referencia:
error-back = Volver a la página de inicio
error-back-form = Volver a la página de la que venía
error-not-found = No encontrado
error-not-found-text = Aquí no hay nada, o no es público.
error-forbidden = No permitido
error-forbidden-text = El rol de su cuenta no lo permite.
error-csrf = Formulario caducado
error-csrf-text = Este formulario no se aceptó porque su token de seguridad falta o es incorrecto. Vuelva atrás, recargue la página y envíelo de nuevo.
error-throttled = Demasiados intentos
error-throttled-text = Demasiados inicios de sesión fallidos para esta cuenta o desde esta dirección. { $n ->
    [one] Espere { $n } segundo y vuelva a intentarlo.
   *[other] Espere { $n } segundos y vuelva a intentarlo.
}
error-busy = Ocupado
error-busy-text = El servidor está comprobando demasiadas contraseñas a la vez. Vuelva a intentarlo en un momento.
error-too-large = Demasiado grande
error-too-large-text = Lo enviado es mayor de lo que acepta este formulario.
error-bad-request = No aceptado
error-conflict = Modificado por otra persona
error-internal = Algo salió mal
error-internal-text = El servidor no pudo completar esta solicitud. Si lo comunica, indique la referencia de abajo.
