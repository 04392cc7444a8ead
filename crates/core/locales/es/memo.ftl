# Texto fijo del memorando (pledgewatch_report::memo) y lapsos de tiempo
# comunes a ambos documentos. El contenido del expediente (enunciados, citas,
# fundamentos, nombres) nunca se traduce: queda tal como se introdujo.

## Lapsos de tiempo: «casi 6 meses».
doc-elapsed-not-yet = todavía no
doc-elapsed-less-than-day = menos de un día
doc-elapsed-exact-day = { $n ->
    [one] { $n } día
   *[other] { $n } días
}
doc-elapsed-exact-week = { $n ->
    [one] { $n } semana
   *[other] { $n } semanas
}
doc-elapsed-exact-month = { $n ->
    [1] un mes
    [one] { $n } mes
   *[other] { $n } meses
}
doc-elapsed-exact-year = { $n ->
    [1] un año
    [one] { $n } año
   *[other] { $n } años
}
doc-elapsed-nearly-month = { $n ->
    [1] casi un mes
   *[other] casi { $n } meses
}
doc-elapsed-nearly-year = { $n ->
    [1] casi un año
   *[other] casi { $n } años
}
doc-elapsed-more-month = { $n ->
    [1] más de un mes
   *[other] más de { $n } meses
}
doc-elapsed-more-year = { $n ->
    [1] más de un año
   *[other] más de { $n } años
}
## Enumeración: «a, b y c».
doc-and = { $init } y { $last }
doc-quoted = «{ $text }»

## Portada y encabezados.
memo-label = Memorando
memo-subtitle = Promesas y realidad
memo-title = { $title }: promesas y realidad, a { $date }
memo-summary = Resumen
memo-commitments = Los compromisos
memo-concerns = Preocupaciones más allá de los compromisos
memo-sources = Fuentes
memo-notes = Notas
memo-back-to-text = volver al texto
memo-steps-needed = Medidas necesarias
memo-steps-by-body = Medidas por destinatario
memo-steps-to = Destinatario: { $body }
memo-steps-others = Otros
memo-situation = La situación a { $date }
memo-promise = La promesa
memo-col-commitment = Compromiso
memo-col-timing = Plazo
memo-col-standing = Situación

## Rótulos al comienzo de un párrafo (les sigue un espacio).
memo-where-it-stands = Situación:
memo-see-above = Véase más arriba:
memo-step-back = Un retroceso:

## Oraciones.
memo-no-source = (sin fuente registrada)
memo-no-development = No consta ningún hecho a esta fecha.
memo-told-under = { $date }, «{ $title }» (véase { $place })
memo-place-commitment = el compromiso { $n }
memo-place-concern = la preocupación { $n }
memo-addressed-to = dirigida a { $body }
memo-asked-for-by = solicitada por { $by }
memo-no-commitment = El expediente no contiene ningún compromiso asumido a { $date }.
memo-opening = El presente memorando contrasta { $n ->
    [one] el compromiso asumido
   *[other] los { $n } compromisos asumidos
} en nombre de { $bound } con la situación a { $date }.
memo-opening-first = { $n ->
    [one] Se asumió
   *[other] El primero se asumió
} hace { $elapsed } ({ $date }){ $occasion }.
memo-opening-at = { " " }en la reunión «{ $occasion }»
memo-opening-at-in = { " " }en la reunión «{ $occasion }», en { $place }
memo-made = Asumido en nombre de { $bound }{ $by }{ $occasion }, { $date }.
memo-made-by = { " " }por { $name }
memo-made-by-role = { " " }por { $name } ({ $role })
memo-made-at = { " " }en la reunión «{ $occasion }»
memo-made-at-place = { " " }en la reunión «{ $occasion }», { $place }
memo-fact-overdue = { $n ->
    [0] ninguno ha superado su plazo
    [one] { $n } ha superado su plazo
   *[other] { $n } han superado su plazo
}
memo-fact-not-begun = { $n ->
    [one] { $n } corresponde a un período que aún no ha comenzado
   *[other] { $n } corresponden a un período que aún no ha comenzado
}
memo-fact-no-step-back = ninguna evaluación ha registrado un retroceso
memo-fact-lost-ground = { $n ->
    [one] { $n } ha retrocedido
   *[other] { $n } han retrocedido
}
memo-fact-step-back = { $n ->
    [one] { $n } evaluación registró un retroceso
   *[other] { $n } evaluaciones registraron un retroceso
}
memo-fact-not-assessed = { $n ->
    [one] { $n } aún no ha sido evaluado
   *[other] { $n } aún no han sido evaluados
}
# $shape: single-none, single, pair-none, pair-all, all, some; $p los que
# avanzan, $n todos.
memo-progress = { $shape ->
    [single-none] El único compromiso no muestra avances
    [single] El único compromiso muestra avances
    [pair-none] Ninguno de los dos compromisos muestra avances
    [pair-all] Ambos compromisos muestran avances
    [all] Los { $n } compromisos muestran avances
   *[some] { $p ->
        [0] Ninguno de los { $n } compromisos muestra avances
        [one] { $p } de los { $n } compromisos muestra avances
       *[other] { $p } de los { $n } compromisos muestran avances
    }
}
memo-step-back-text = { $statement }: de «{ $from }» a «{ $to }» ({ $date }).
memo-attr-confidential = (de una fuente confidencial)
memo-attr-official = (las palabras del documento oficial)
memo-attr-own-on = (según informó { $by } el { $date })
memo-attr-own = (según informó { $by })
memo-attr-reported = (según { $by })
memo-no-words = No constan las palabras exactas de este compromiso.
memo-condition = Condición: { $condition }.
memo-period-not-yet-begun = su período aún no ha comenzado
memo-assessed-on = { $status }, según la evaluación del { $date }
memo-stands-step-back = { $stands }, un retroceso
memo-stands-not-begun = { $stands }; su período aún no ha comenzado

## Plazos.
memo-label-period = Período:
memo-label-timing = Plazo:
memo-label-deadline = Plazo:
memo-end-of = { $deadline }
memo-by = { $when }
memo-begins-in = aún no ha comenzado (comienza dentro de { $elapsed })
memo-under-way = está en curso
memo-ended-ago = terminó hace { $elapsed }
memo-lasting = un compromiso permanente, sin fecha de término
memo-none-stated = no se indica
memo-no-end-date = sin fecha de término
memo-due-in = vence dentro de { $elapsed }
memo-not-yet-due = aún no ha vencido
memo-passed = venció hace { $elapsed } sin que se cumpliera el compromiso
memo-met-on-time = cumplido a tiempo, el { $date }
memo-met-late = cumplido con retraso, el { $date }, { $elapsed } después del plazo
memo-not-yet-begun = aún no ha comenzado
memo-standing-not-begun = { $status } (el período aún no ha comenzado)

## Estados de cualquier escala, en palabras sencillas.
memo-status-not-assessed = aún no evaluado
memo-status-no-progress = sin avances
memo-status-some-progress = algunos avances
memo-status-limited = avances limitados
memo-status-substantial = avances sustanciales
memo-status-partly = cumplido en parte
memo-status-fulfilled = cumplido
memo-status-lost-ground = en retroceso
memo-status-broken = incumplido

## Notas y lista de fuentes.
memo-ibid = Ibid.
memo-no-date = s. f.
memo-confidential = Fuente confidencial, en archivo
memo-confidential-team = Fuente confidencial (solo para el equipo): { $source }
memo-confidential-entry = Fuente confidencial, en archivo (no figura en los documentos destinados al exterior).
memo-never-public = Nunca en la versión pública.
memo-draft-watermark = Borrador — no difundir
