# La página de búsqueda.

search-title = Buscar
search-words = Palabras
search-kind = Tipo
search-everything = Todo
search-actor = Actor
search-all = Todos
search-theme = Tema
search-status = Veredicto
search-origin = Origen
search-deadline-from = Plazo desde
search-deadline-to = Plazo hasta
search-button = Buscar
search-help = El actor, el tema, el veredicto, el origen y el plazo limitan los resultados a los compromisos.
search-none = No hay resultados para «{ $query }»
search-none-filtered = No hay resultados para «{ $query }» con estos filtros
search-none-lead = Nada de lo que el público puede ver coincide con estas palabras. Puede:
search-tip-spelling = comprobar la ortografía;
search-tip-fewer-words = usar menos palabras o palabras más generales (cada palabra debe coincidir: «ley de medios» encuentra menos que «medios»);
search-tip-filters = quitar los filtros (tipo, actor, tema, veredicto, origen, plazo);
search-tip-browse = recorrer
search-tip-dossiers = los expedientes
search-tip-scorecard = o leer un cuadro de seguimiento:
search-results = { $n ->
    [one] { $n } resultado para «{ $query }»
   *[other] { $n } resultados para «{ $query }»
}

search-results-range = { $first }–{ $last } de { $n ->
    [one] { $n } resultado para «{ $query }»
   *[other] { $n } resultados para «{ $query }»
}
search-pages = Páginas de resultados
search-previous = Página anterior
search-next = Página siguiente
search-error-page = «{ $value }» no es un número de página (1, 2, 3…).
search-error-unknown = { $field }: «{ $value }» no es una de las opciones.
search-error-kind-and-filters = El actor, el tema, el veredicto, el origen y el plazo solo filtran compromisos, así que nada del tipo «{ $kind }» puede coincidir con ellos: elija el tipo «Compromiso» o «Todo», o quite estos filtros.
search-error-filters-need-words = Los filtros acotan una búsqueda por palabras: escriba al menos una palabra para buscar.

## Búsquedas rechazadas.
search-error-no-words = Escriba al menos una palabra para buscar.
search-error-too-long = Las palabras buscadas superan los { $max } caracteres; acórtelas.
search-error-day = { $field }: «{ $value }» no es un día (formato esperado AAAA-MM-DD).
search-filters = Filtros
