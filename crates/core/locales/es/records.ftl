# Los registros del equipo: listas, un registro, la cola de revisión.

review-title = Pendiente de revisión
review-lead = El público ve la versión de cada registro que aprobó un revisor. Cada cambio de abajo espera una revisión: apruébelo o devuélvalo a su editor con un comentario.
review-nothing = No hay nada pendiente: el público ve cada registro tal como está.
review-range = Cambios { $first } a { $last } de los pendientes, los más antiguos primero.
review-count = { $n ->
    [one] { $n } cambio pendiente, los más antiguos primero.
   *[other] { $n } cambios pendientes, los más antiguos primero.
}
review-more = Hay más en la página siguiente.
review-new = Nuevo
review-edited = Modificado
review-removal = Eliminación
records-previous = Anterior
records-next = Siguiente
pending-meta = { $change } por { $authors } · último cambio { $when } · versión { $version }
pending-sent-back = Devuelto por { $by } el { $at }:
pending-not-changed = (sin cambios desde entonces)
pending-removed = Eliminado: el público todavía lo ve (versión { $version }) hasta que un revisor apruebe la eliminación.
pending-no-difference = Ningún campo del formulario difiere de la versión pública.
pending-caption-new = Todos los campos del nuevo registro
pending-caption-edit = Qué cambia para el público: cada campo modificado, versión pública { $public } frente a versión propuesta { $proposed }
pending-field = Campo
pending-public = El público ve (versión { $version })
pending-proposed = Propuesto (versión { $version })
pending-also-publishes = Al aprobar se publica también:
pending-own = Es su cambio: debe aprobarlo otro revisor.
pending-own-allowed = Es su propio cambio: este servidor permite la autorrevisión, y el registro lo indicará.
pending-comment = Comentario para el editor (obligatorio para devolverlo)
pending-send-back = Devolver
records-new = Nuevo
records-col-record = Registro
records-col-changed = Modificado
records-col-version = Versión
records-col-publication = Publicación
records-download = Descargar todo:
records-drafts-included = (borradores incluidos;
record-version = Versión { $version }
record-public-sees = Lo que ve el público:
record-sent-back = Devuelto por { $by } el { $at }
record-answer = Edite el registro para responder; el cambio volverá a esperar revisión.
record-as-it-stands = El registro tal como está ahora
record-the-record = El registro
record-edit = Editar
record-withdraw = Retirar de la publicación
record-remove-reason = Motivo de la eliminación (obligatorio)
record-remove = Eliminar
record-history = Historial
record-col-when = Cuándo
record-col-who = Quién
record-col-what = Qué
record-col-reason = Motivo
record-col-change = Cambio
record-before-after = Antes y después
record-before = Antes:
record-after = Después:
