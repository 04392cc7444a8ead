# Texto fijo de las cartas (pledgewatch_report::letter). El contenido del
# expediente (enunciados de los compromisos, nombres, títulos, motivos)
# queda tal como se introdujo y va entre comillas.

## Títulos y saludos.
letter-title = Carta a { $who }
letter-titles = Cartas: { $title }
letter-salutation-minister = Señora Ministra, Señor Ministro:
letter-salutation-general = Señoras y señores:

## Asunto y lugar donde se asumieron los compromisos.
letter-subject-at = Compromisos de { $bound } asumidos en la reunión «{ $occasion }» ({ $when })
letter-subject-on = Compromisos de { $bound } del { $date }
letter-made-at = en la reunión «{ $occasion }» ({ $when })
letter-made-at-in = en la reunión «{ $occasion }», en { $place } ({ $when })
letter-made-on = el { $date }
letter-when-place = { $place }, { $span }

## Apertura.
letter-opening = Hace { $since }{ $at }, { $bound } asumió { $n ->
    [one] un compromiso público
   *[other] { $n } compromisos públicos
}.
letter-at = , en la reunión «{ $occasion }»
letter-at-in = , en la reunión «{ $occasion }», en { $place }

## Lo que la carta pide plantear ($shape: lack, steps, progress, steps-still).
letter-concern = { $shape ->
    [lack] la falta de avances en el cumplimiento
    [steps] las medidas necesarias para el cumplimiento
    [progress] los avances que aún se necesitan para el cumplimiento
   *[steps-still] las medidas que aún se necesitan para el cumplimiento
} { $n ->
    [one] de este compromiso
   *[other] de estos compromisos
}

## Quién prometió qué, y para cuándo.
letter-pledges-by = { $made }, { $pledger } se comprometió en nombre de { $bound } a: { $list }.
letter-pledges = { $made }, { $bound } se comprometió a: { $list }.
letter-pledger-role = { $name } ({ $role })
letter-group = { $statements } ({ $timing })
letter-before-milestone = antes de «{ $milestone }», { $date }

## Los avances según las evaluaciones.
letter-progress = { $n ->
    [one] Este compromiso fue bien recibido.
   *[other] Estos compromisos fueron bien recibidos.
} { $yet ->
    [yes] Sin embargo, { $since }
   *[no] { $since }
} después de { $n ->
    [one] asumirlo
   *[other] asumirlos
}, { $facts }.
letter-direct-progress = { $since } después de { $n ->
    [one] asumirlo
   *[other] asumirlos
}, { $facts }.
letter-too-early = es demasiado pronto para juzgar los avances
letter-fact-progress = se han logrado avances en { $p } de { $n }
letter-fact-none = { $all ->
    [yes] ninguno muestra avances
   *[no] { $k } de { $n } { $k ->
        [one] no muestra avances
       *[other] no muestran avances
    }
}
letter-fact-back = es posible que { $direct ->
    [yes] su gobierno
   *[no] el gobierno
} esté retrocediendo en { $b ->
    [one] su compromiso
   *[other] sus compromisos
} { $list }
letter-fact-unassessed = { $u ->
    [one] { $u } aún no ha sido evaluado
   *[other] { $u } aún no han sido evaluados
}
letter-overdue = { $shape ->
    [single] El plazo de este compromiso ha vencido.
    [all] El plazo ha vencido para los { $n }.
   *[some] El plazo ha vencido para { $o } de ellos.
}

## El memorando adjunto y la solicitud.
letter-memo = El memorando adjunto, «{ $title }», contrasta { $n ->
    [one] este compromiso
   *[other] estos compromisos
} con la situación actual{ $steps }.
letter-memo-steps-all = { " " }y expone las medidas concretas que el gobierno debería adoptar para { $n ->
    [one] cumplirlo
   *[other] cumplirlos
}
letter-memo-steps-some = { " " }y expone las medidas que el gobierno debería adoptar para cumplir { $k } de ellos
letter-memo-concerns = También describe problemas de derechos humanos que van más allá de estos compromisos.
letter-memo-concerns-steps = También describe problemas de derechos humanos que van más allá de estos compromisos y expone las medidas necesarias para abordarlos.
letter-request = Le pedimos que vele por que el gobierno de { $bound } cumpla sus compromisos.

## Los números que puede usar una plantilla propia.
letter-facts-progress = { $with } de { $n } muestran avances
letter-facts-deadlines = { $o ->
    [0] ninguno ha superado aún su plazo
    [one] { $o } ha superado su plazo
   *[other] { $o } han superado su plazo
}
