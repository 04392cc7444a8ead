# Drafting help: proposing commitments from a text, accepting or rejecting them.

drafting-title = Ayuda de redacción
drafting-lead = Pegue una declaración, una carta o un informe, o elija su archivo. pledgewatch propone los compromisos que contiene, con sus palabras exactas, quién está obligado y el plazo; después usted acepta, edita o rechaza cada uno.
drafting-doc-title = Título del documento
drafting-doc-date = Fecha del documento
drafting-doc-date-help = Sirve de referencia para «el año pasado», «hace seis meses», «en un plazo de seis meses».
drafting-we = Quiénes son «nosotros» y «el Gobierno»
drafting-text = Texto
drafting-file = O un archivo (texto plano, Markdown, HTML, PDF o Word)
drafting-file-label = Archivo
drafting-file-help = Como máximo 10 MB. Un PDF necesita una capa de texto: una página escaneada sin ella no se puede leer.
drafting-confidential = El documento es confidencial
drafting-propose = Proponer compromisos
drafting-waiting = Pendiente de revisión
drafting-pending = { $n ->
    [one] ({ $n } pendiente)
   *[other] ({ $n } pendientes)
}
drafting-source-record = El registro de la fuente
drafting-proposed-count = { $n ->
    [one] { $n } compromiso propuesto
   *[other] { $n } compromisos propuestos
}
drafting-text-marked = El texto, con los compromisos propuestos marcados
drafting-proposed = Compromisos propuestos
drafting-none-found = No se encontró ningún compromiso en este texto.
drafting-bound = Obligado
drafting-not-found = no encontrado
drafting-speaker = Pronunciado o firmado por
drafting-occasion = Evento
drafting-timing = Plazo
drafting-deadline = Fecha límite
drafting-deadline-none = ninguna
drafting-condition = Condición
drafting-confidence = Confianza
drafting-rejected-because = Rechazado porque
drafting-became = Se convirtió en
drafting-the-commitment = el registro del compromiso
drafting-not-done = Esto no se hizo
drafting-similar = Ya hay un compromiso similar registrado
drafting-similar-text = Aceptar este puede registrar dos veces la misma promesa. Adjunte en su lugar sus palabras al compromiso existente como prueba (se registran como una reiteración de esta fuente):
drafting-attach = Adjuntar como prueba a este
drafting-attach-label = Adjuntar como prueba a «{ $statement }»
drafting-statement = Enunciado
drafting-who-bound = Quién está obligado
drafting-dossier = Expediente al que va
drafting-choose-dossier = Elija un expediente
drafting-accept = Aceptar como compromiso
drafting-accept-anyway = Crear de todos modos un nuevo compromiso
drafting-reject-reason = Motivo del rechazo
drafting-reject = Rechazar
drafting-status-pending = pendiente
drafting-status-accepted = aceptado
drafting-status-rejected = rechazado
drafting-error-title = indique el nombre del documento (p. ej., el título de la carta)
drafting-error-text = pegue un texto o elija un archivo
drafting-error-size = supera los 10 MB
drafting-no-dossier = Elija el expediente al que va el compromiso.
drafting-dossier-missing = Ese expediente no existe.
drafting-dossier-removed = Ese expediente no existe o se eliminó.
drafting-similar-refused = Ya hay un compromiso similar registrado: adjunte este como prueba o cree de todos modos un compromiso nuevo.
drafting-attach-unknown = Ese compromiso no existe o se eliminó: elija uno de los compromisos similares de la lista.
drafting-confidence-value = { $n } %
