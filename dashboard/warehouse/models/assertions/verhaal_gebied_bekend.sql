-- every verhaal is about a known wijk or buurt of its own gemeente
-- nl: elk verhaal gaat over een bekende wijk of buurt van de eigen gemeente
select v.verhaal_id, v.gebiedscode, v.gemeentecode
from verhaal as v
left join wijk as w on w.wijkcode = v.gebiedscode
left join buurt as b on b.buurtcode = v.gebiedscode
left join wijk as bw on bw.wijkcode = b.wijkcode
where coalesce(w.gemeentecode, bw.gemeentecode) is distinct from v.gemeentecode
