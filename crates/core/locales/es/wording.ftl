# Fechas, plazos, duraciones, estados, escalas y plazos (core::wording).

## Un mes solo («diciembre de 2008») y con un día («31 de diciembre de 2008»).
month-name = { $month ->
    [1] enero
    [2] febrero
    [3] marzo
    [4] abril
    [5] mayo
    [6] junio
    [7] julio
    [8] agosto
    [9] septiembre
    [10] octubre
    [11] noviembre
   *[12] diciembre
}
month-of = { month-name }

date-day = { $day } de { $month } de { $year }
date-month = { $month } de { $year }
date-quarter = el { $quarter ->
    [1] primer
    [2] segundo
    [3] tercer
   *[4] cuarto
} trimestre de { $year }
date-year = { $year }

## Los plazos tal como los escribe la fuente.
deadline-day = a más tardar el { $date }
deadline-month = para finales de { $month } de { $year }
deadline-quarter = para finales del { $quarter ->
    [1] primer
    [2] segundo
    [3] tercer
   *[4] cuarto
} trimestre de { $year }
deadline-year = para finales de { $year }

## Periodos e intervalos de días.
period-year = durante todo { $year }
period-month = durante todo { $month } de { $year }
period-same-year = del { $fromday } de { $frommonth } al { $to }
period-days = del { $from } al { $to }
span-same-month = { $fromday }–{ $today } de { $month } de { $year }
span-same-year = { $fromday } de { $frommonth } – { $to }
span-days = { $from } – { $to }

## Duraciones, contadas en el calendario.
duration-years = { $n ->
    [one] { $n } año
   *[other] { $n } años
}
duration-months = { $n ->
    [one] { $n } mes
   *[other] { $n } meses
}
duration-days = { $n ->
    [one] { $n } día
   *[other] { $n } días
}
duration-years-months = { $years } y { $months }

## Situación de un compromiso respecto de su plazo.
deadline-due-today = vence hoy
deadline-due-in = vence dentro de { $duration }
deadline-overdue = { $duration } de retraso
deadline-met-on-time = cumplido a tiempo, el { $date }
deadline-met-late = cumplido con { $duration } de retraso, el { $date }
deadline-none = sin plazo
since-pledge = asumido { $ago }
ago = hace { $duration }
ago-today = hoy

## Escalas de calificación y sus estados.
scale-default = la escala propia de pledgewatch
scale-odihr = la escala de aplicación de la OIDDH
scale-ogp = la escala de cumplimiento de la AGA
scale-politifact = el medidor de promesas de PolitiFact
scale-version = { $scale }, versión { $version }

status-default-not_yet_rated = Aún sin calificar
status-default-not_started = No iniciado
status-default-in_progress = En curso
status-default-partially_fulfilled = Cumplido en parte
status-default-fulfilled = Cumplido
status-default-stalled = Estancado
status-default-regressed = Regresión
status-default-broken = Incumplido
status-odihr-fully_implemented = Aplicada plenamente
status-odihr-mostly_implemented = Aplicada en su mayor parte
status-odihr-partially_implemented = Aplicada en parte
status-odihr-not_implemented = No aplicada
status-ogp-no_evidence_available = Sin información disponible
status-ogp-not_started = No iniciado
status-ogp-limited = Limitado
status-ogp-substantial = Sustancial
status-ogp-complete = Completo
status-politifact-not_yet_rated = Aún sin calificar
status-politifact-in_the_works = En preparación
status-politifact-stalled = Estancada
status-politifact-compromise = Compromiso parcial
status-politifact-promise_kept = Promesa cumplida
status-politifact-promise_broken = Promesa incumplida

## Tipos de plazo, orígenes, sentidos, prioridades.
timing-by_deadline = Con un plazo
timing-during_period = Durante un periodo
timing-refrain_from = Un compromiso de abstenerse
timing-none_stated = Sin plazo indicado
origin-pledge = Promesa
origin-accepted_recommendation = Recomendación aceptada
origin-legal_obligation = Obligación jurídica
direction-advance = Avance
direction-no_change = Sin cambios
direction-setback = Retroceso
priority-high = prioridad alta
priority-medium = prioridad media
priority-low = prioridad baja

## Cambios de calificación.
steps-back = { $n ->
    [0] ningún retroceso
    [one] { $n } retroceso
   *[other] { $n } retrocesos
}
rating-first = Primera calificación: { $now }
rating-same = Calificado de nuevo: sigue «{ $now }»
rating-down = Retroceso: ahora «{ $now }» (antes «{ $previous }»)
rating-up = Ahora «{ $now }» (antes «{ $previous }»)

## Un guardado rechazado porque otra persona guardó antes.
conflict = Otra persona modificó este registro ({ $kind }) mientras usted lo editaba (usted editó la versión { $expected }; ahora está en la versión { $actual }). Vuelva a cargar la página para ver su cambio y haga el suyo de nuevo.

## Tipos de registro.
kind-actor = actor
kind-occasion = evento
kind-source = fuente
kind-quote = cita
kind-commitment = compromiso
kind-milestone = hito
kind-development = novedad
kind-assessment = evaluación
kind-recommendation = recomendación
kind-concern = preocupación
kind-dossier = expediente
kind-recipient_list = lista de destinatarios
kind-signatory = firmante
kind-candidate = borrador de compromiso
