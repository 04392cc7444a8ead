# El cuadro de seguimiento del expediente y sus gráficos.

scorecard-feed-title = { $title }: novedades y cambios de estado
scorecard-as-of = A fecha de
scorecard-last-updated = Última novedad o calificación
scorecard-follow = Seguir (canal Atom)
scorecard-team-view = Vista del equipo: borradores y cambios pendientes incluidos y marcados; el público solo ve lo que aprobó un revisor
scorecard-filter = Filtrar o elegir una fecha
scorecard-filters-set = (filtros aplicados)
scorecard-filters = Filtros
scorecard-filter-actor = Actor
scorecard-filter-theme = Tema
scorecard-filter-verdict = Veredicto
scorecard-filter-origin = Origen
scorecard-filter-all = Todos
scorecard-filter-deadline-from = Plazo desde
scorecard-filter-deadline-to = Plazo hasta
scorecard-filter-words = Palabras
scorecard-apply = Aplicar
scorecard-clear = Quitar los filtros
scorecard-count-heading = El recuento a { $date }
scorecard-total = { $n ->
    [one] compromiso
   *[other] compromisos
}
scorecard-total-shown = { $n ->
    [one] compromiso mostrado
   *[other] compromisos mostrados
}
scorecard-overdue = Vencidos
scorecard-notes = { $progress } con avances · { $backtracking } en retroceso ahora (calificados por debajo de una calificación anterior) · { $steps } en las calificaciones · { $stale } abiertos y sin calificar desde hace seis meses
scorecard-commitments = Compromisos
scorecard-none = Ningún compromiso coincide.
scorecard-col-commitment = Compromiso
scorecard-col-verdict = Veredicto
scorecard-col-deadline = Plazo
scorecard-col-clock = Reloj de la promesa
scorecard-sort-by = Ordenar por
scorecard-sort-ascending = ordenar por { $column }, ascendente
scorecard-sort-descending = ordenar por { $column }, descendente
scorecard-backtracking = En retroceso
scorecard-stale = Sin calificar desde hace seis meses
scorecard-rated-on = calificado el { $date }
scorecard-not-rated = aún sin calificar
scorecard-clock = plazo concedido: { $allowed }; { $since }
scorecard-recent = Qué ha cambiado desde { $date }
scorecard-bears-on = Se refiere a
scorecard-steps-back = Retrocesos en las calificaciones
scorecard-steps-back-note = Un retroceso es una calificación peor que la anterior. Un compromiso está en retroceso mientras su calificación actual sea inferior a una anterior.
scorecard-regression = { $date }: { $commitment }, bajó de «{ $from }» a «{ $to }»
scorecard-about = Acerca de este expediente
scorecard-documents = Documentos
scorecard-memo = Memorando
scorecard-memo-as-of = Memorando a fecha de
scorecard-format = Formato
scorecard-format-docx = Word (DOCX)
scorecard-steps-by-body = Agrupar también las medidas por órgano
scorecard-version = Versión
scorecard-version-public = Pública (solo registros publicados)
scorecard-version-team = Borrador del equipo (borradores y fuentes confidenciales; con marca de agua)
scorecard-memo-download = Descargar el memorando
scorecard-letters = Cartas
scorecard-letters-to = Cartas a
scorecard-include-subject = Escribir también a { $state } (una carta directa sobre sus propias promesas)
scorecard-letters-download = Descargar las cartas (un solo documento)
scorecard-letters-note = Las cartas piden a cada destinatario que presione a { $state }, el Estado obligado por estos compromisos, por lo que { $state } queda fuera de la lista salvo que marque la casilla de arriba.
scorecard-open-data = Datos abiertos
scorecard-open-data-team = Los registros de este expediente, borradores y fuentes confidenciales incluidos, con todo aquello a lo que remiten:
scorecard-open-data-public = Los registros publicados de este expediente con todo aquello a lo que remiten:
scorecard-json-schema = JSON Schema
scorecard-concerns = Preocupaciones más allá de los compromisos

## Gráficos.
chart-status-heading = Veredictos a lo largo del tiempo
chart-status-title = Veredictos a lo largo del tiempo
chart-status-desc = Número de compromisos con cada veredicto al final de cada año; la tabla de datos sigue al gráfico.
chart-colours = Colores
chart-data-table = Tabla de datos
chart-date = Fecha
chart-timeline-heading = Cronología
chart-timeline-title = Cronología
chart-timeline-desc = Fechas de las promesas, plazos, hitos y novedades; la lista de acontecimientos sigue al gráfico.
chart-events = Lista de acontecimientos
chart-timeline-item = { $date }: { $event } ({ $kind })
chart-pledges-at = Promesas hechas en: { $occasion }
chart-pledge-made = Promesa hecha
chart-deadline = Plazo: { $commitment }
chart-as-of = a { $date }
chart-row-pledge = Promesas
chart-row-deadline = Plazos
chart-row-milestone = Hitos
chart-row-development = Novedades
chart-kind-pledge = promesa
chart-kind-deadline = plazo
chart-kind-milestone = hito
chart-kind-development = novedad

## Canales Atom: su texto fijo.
feed-dossier-subtitle = Nuevas novedades y evaluaciones de los compromisos del expediente, tal como se publican.
feed-commitment-subtitle = Un compromiso seguido en el expediente «{ $dossier }».
feed-development-title = { $direction } en «{ $name }»: { $title }
feed-development-summary = { $date }: { $title }. { $summary }
feed-sources = Fuentes: { $sources }.
feed-rating-title = { $change }: «{ $name }»
feed-rating-summary = Calificado como «{ $status }» al { $date }.
feed-step-back = Es un retroceso: la calificación es peor que la anterior.
scorecard-document-lang = Idioma del documento
