# Entry forms: buttons, pickers, error summaries.

form-save = Guardar
form-cancel = Cancelar
form-reason = Motivo del cambio (se guarda en el historial)
form-required = (obligatorio)
form-choose-one = Elija uno
form-none = Ninguno
form-not-concerned = No afectado
form-now = Ahora: { $file }
form-find-in-list = Buscar por palabras en la lista
form-filter = Filtrar la lista
form-no-match = Nada en la lista contiene estas palabras.
form-more = { $n ->
    [one] { $n } más sin mostrar: escriba palabras para encontrarlo.
   *[other] { $n } más sin mostrar: escriba palabras para encontrarlos.
}
form-find-by-words = Buscar por palabras
form-find = Buscar
form-picker-title = { $kind }: buscar por palabras
form-problem = Hay un problema
form-error-line = { $field }: { $error }
form-inline-summary = ¿Una fuente que no está en la lista? Añádala aquí
form-inline-add = Añadir la fuente y elegirla
form-inline-title = Título de la fuente
form-inline-quote = Una cita de ella (opcional)
form-inline-quote-help = Las palabras exactas en las que se basa la novedad
form-inline-locator = Dónde en la fuente
form-inline-locator-help = Página o párrafo
form-edit-title = Editar: { $record }
form-new-title = Nuevo registro: { $kind }
form-target = { $kind }: { $record }
form-came-from = { $record } (el compromiso del que viene)
form-status-choice = { $status } ({ $scale })
plural-actor = Actores
plural-occasion = Eventos
plural-source = Fuentes
plural-quote = Citas
plural-commitment = Compromisos
plural-milestone = Hitos
plural-development = Novedades
plural-assessment = Evaluaciones
plural-recommendation = Recomendaciones
plural-concern = Preocupaciones
plural-dossier = Expedientes
plural-recipient-list = Listas de destinatarios
plural-signatory = Firmantes
plural-candidate = Borradores de compromiso
form-rated-by = Evaluado por
form-reviewed-by = Revisado por
form-not-reviewed = aún sin revisar
form-history-body-missing = El contenido que esta creación representa falta o no coincide con su hash: ejecute «pledgewatch audit verify».
form-add-quote = Añadir una cita de esta fuente
form-add-development = Registrar una novedad
form-add-assessment = Evaluar este compromiso
form-error-required = es obligatorio
form-error-choose-one = elija uno
form-link-dropped = El enlace eligió un registro que no existe o se eliminó ({ $fields }); elija uno abajo.
