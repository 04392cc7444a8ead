# Texte fixe du mémorandum (pledgewatch_report::memo) et durées communes aux
# deux documents. Le contenu du dossier (énoncés, citations, motifs, noms)
# n'est jamais traduit : il reste tel qu'il a été saisi.

## Durées : « près de 6 mois ».
doc-elapsed-not-yet = pas encore
doc-elapsed-less-than-day = moins d'un jour
doc-elapsed-exact-day = { $n ->
    [one] { $n } jour
   *[other] { $n } jours
}
doc-elapsed-exact-week = { $n ->
    [one] { $n } semaine
   *[other] { $n } semaines
}
doc-elapsed-exact-month = { $n ->
    [1] un mois
   *[other] { $n } mois
}
doc-elapsed-exact-year = { $n ->
    [1] un an
    [one] { $n } an
   *[other] { $n } ans
}
doc-elapsed-nearly-month = { $n ->
    [1] près d'un mois
   *[other] près de { $n } mois
}
doc-elapsed-nearly-year = { $n ->
    [1] près d'un an
    [one] près de { $n } an
   *[other] près de { $n } ans
}
doc-elapsed-more-month = { $n ->
    [1] plus d'un mois
   *[other] plus de { $n } mois
}
doc-elapsed-more-year = { $n ->
    [1] plus d'un an
    [one] plus de { $n } an
   *[other] plus de { $n } ans
}
## Énumération : « a, b et c ».
doc-and = { $init } et { $last }
doc-quoted = « { $text } »

## Page de titre et intertitres.
memo-label = Mémorandum
memo-subtitle = Promesses et réalité
memo-title = { $title } : promesses et réalité, au { $date }
memo-summary = Résumé
memo-commitments = Les engagements
memo-concerns = Préoccupations au-delà des engagements
memo-sources = Sources
memo-notes = Notes
memo-back-to-text = retour au texte
memo-steps-needed = Mesures nécessaires
memo-steps-by-body = Mesures par destinataire
memo-steps-to = À l'attention de : { $body }
memo-steps-others = Autres
memo-situation = La situation au { $date }
memo-promise = La promesse
memo-col-commitment = Engagement
memo-col-timing = Échéance
memo-col-standing = Situation

## Intitulés en début de paragraphe (suivis d'une espace).
memo-where-it-stands = Situation :
memo-see-above = Voir ci-dessus :
memo-step-back = Un recul :

## Phrases.
memo-no-source = (aucune source enregistrée)
memo-no-development = Aucun fait n'est consigné à cette date.
memo-told-under = { $date }, « { $title } » (voir { $place })
memo-place-commitment = l'engagement { $n }
memo-place-concern = la préoccupation { $n }
memo-addressed-to = adressée à { $body }
memo-asked-for-by = demandée par { $by }
memo-no-commitment = Le dossier ne contient aucun engagement pris au { $date }.
memo-opening = Le présent mémorandum confronte { $n ->
    [one] l'engagement pris
   *[other] les { $n } engagements pris
} au nom de l'État ({ $bound }) à la situation au { $date }.
memo-opening-first = { $n ->
    [one] Il a été pris
   *[other] Le premier a été pris
} il y a { $elapsed } ({ $date }){ $occasion }.
memo-opening-at = { " " }lors de la réunion « { $occasion } »
memo-opening-at-in = { " " }lors de la réunion « { $occasion } » à { $place }
memo-made = Pris au nom de l'État ({ $bound }){ $by }{ $occasion }, { $date }.
memo-made-by = { " " }par { $name }
memo-made-by-role = { " " }par { $name } ({ $role })
memo-made-at = { " " }lors de la réunion « { $occasion } »
memo-made-at-place = { " " }lors de la réunion « { $occasion } », { $place }
memo-fact-overdue = { $n ->
    [0] aucun n'a dépassé son échéance
    [one] { $n } a dépassé son échéance
   *[other] { $n } ont dépassé leur échéance
}
memo-fact-not-begun = { $n ->
    [one] { $n } porte sur une période qui n'a pas encore commencé
   *[other] { $n } portent sur une période qui n'a pas encore commencé
}
memo-fact-no-step-back = aucune évaluation n'a constaté de recul
memo-fact-lost-ground = { $n ->
    [one] { $n } a perdu du terrain
   *[other] { $n } ont perdu du terrain
}
memo-fact-step-back = { $n ->
    [one] { $n } évaluation a constaté un recul
   *[other] { $n } évaluations ont constaté un recul
}
memo-fact-not-assessed = { $n ->
    [one] { $n } n'a pas encore été évalué
   *[other] { $n } n'ont pas encore été évalués
}
# $shape : single-none, single, pair-none, pair-all, all, some ; $p ceux qui
# progressent, $n l'ensemble.
memo-progress = { $shape ->
    [single-none] L'unique engagement n'enregistre aucun progrès
    [single] L'unique engagement enregistre des progrès
    [pair-none] Aucun des deux engagements n'enregistre de progrès
    [pair-all] Les deux engagements enregistrent des progrès
    [all] Les { $n } engagements enregistrent tous des progrès
   *[some] { $p ->
        [0] Aucun des { $n } engagements n'enregistre de progrès
        [one] { $p } des { $n } engagements enregistre des progrès
       *[other] { $p } des { $n } engagements enregistrent des progrès
    }
}
memo-step-back-text = { $statement } : de « { $from } » à « { $to } » ({ $date }).
memo-attr-confidential = (d'une source confidentielle)
memo-attr-official = (les termes du document officiel)
memo-attr-own-on = (selon { $by }, { $date })
memo-attr-own = (selon { $by })
memo-attr-reported = (selon { $by })
memo-no-words = Les termes exacts de cet engagement ne sont pas consignés.
memo-condition = Condition : { $condition }.
memo-period-not-yet-begun = sa période n'a pas encore commencé
memo-assessed-on = { $status }, selon l'évaluation du { $date }
memo-stands-step-back = { $stands }, un recul
memo-stands-not-begun = { $stands } ; sa période n'a pas encore commencé

## Échéances.
memo-label-period = Période :
memo-label-timing = Échéance :
memo-label-deadline = Échéance :
memo-end-of = { $deadline }
memo-by = { $when }
memo-begins-in = elle n'a pas encore commencé (elle commence dans { $elapsed })
memo-under-way = elle est en cours
memo-ended-ago = elle s'est achevée il y a { $elapsed }
memo-lasting = un engagement durable, sans date de fin
memo-none-stated = aucune indiquée
memo-no-end-date = sans date de fin
memo-due-in = échéance dans { $elapsed }
memo-not-yet-due = pas encore échu
memo-passed = elle est passée il y a { $elapsed } sans que l'engagement soit tenu
memo-met-on-time = tenu dans les délais, le { $date }
memo-met-late = tenu en retard, le { $date }, { $elapsed } après l'échéance
memo-not-yet-begun = pas encore commencé
memo-standing-not-begun = { $status } (période pas encore commencée)

## Statuts de toute échelle, en mots simples.
memo-status-not-assessed = pas encore évalué
memo-status-no-progress = aucun progrès
memo-status-some-progress = quelques progrès
memo-status-limited = progrès limités
memo-status-substantial = progrès substantiels
memo-status-partly = partiellement tenu
memo-status-fulfilled = tenu
memo-status-lost-ground = en recul
memo-status-broken = rompu

## Notes et liste des sources.
memo-ibid = Ibid.
memo-no-date = s. d.
memo-confidential = Source confidentielle, au dossier
memo-confidential-team = Source confidentielle (équipe seulement) : { $source }
memo-confidential-entry = Source confidentielle, au dossier (non indiquée dans les documents destinés à l'extérieur).
memo-never-public = Jamais dans la version publique.
memo-draft-watermark = Projet — ne pas diffuser
